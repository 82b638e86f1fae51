export enum OrganizationKind {
  Startup = 'startup',
  Investor = 'investor',
  Corporate = 'corporate',
  Agency = 'agency',
  Other = 'other',
}

export enum InvestorType {
  VentureCapital = 'venture_capital',
  Accelerator = 'accelerator',
  CorporateVentureCapital = 'corporate_venture_capital',
  Angel = 'angel',
  Other = 'other',
}

export enum CompanyStage {
  Idea = 'idea',
  PreSeed = 'pre_seed',
  Seed = 'seed',
  SeriesA = 'series_a',
  SeriesB = 'series_b',
  SeriesCPlus = 'series_c_plus',
  Growth = 'growth',
  Public = 'public',
}

export enum OrganizationRole {
  Owner = 'owner',
  Member = 'member',
}
