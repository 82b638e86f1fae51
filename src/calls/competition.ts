/** Applicants per place, as the press gives it: "17:1" for 34 applicants and 2 places. */
export interface Competition {
  applicants: number;
  places: number;
  ratio: number;
  label: string;
}

export function competitionOf(applicants: number, places: number): Competition {
  const ratio = Math.round((applicants / places) * 100) / 100;
  return { applicants, places, ratio, label: `${formatRatio(ratio)}:1` };
}

function formatRatio(ratio: number): string {
  return Number.isInteger(ratio) ? String(ratio) : ratio.toFixed(2).replace(/0$/, '');
}
