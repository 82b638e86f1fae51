export enum Language {
  Korean = 'ko',
  English = 'en',
}
