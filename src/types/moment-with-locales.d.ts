// moment's bundle with every locale has no typings of its own; date-locale.ts types what it uses.
declare module 'moment/min/moment-with-locales.js' {
  const moment: unknown;
  export default moment;
}
