// How plainly a page reads (#17, docs/my-pages.md "Plain English"): the two
// things every readability formula rests on, measured directly, so a failure
// says what to shorten: words a sentence, and the share of long words (three
// syllables or more). Figures, dates and names in tables count as words too:
// they are what the person reads.
//
// A "sentence" ends at . ! ? or the end of a line (a heading, a label, a table
// cell and a list item are each read as one).

// Vowel groups, less a silent final e: good enough to tell "money" (2) from
// "representative" (5), which is all the measure needs.
export function syllables (word) {
  const w = word.toLowerCase().replace(/[^a-z]/g, '')
  if (w.length <= 3) return 1
  const groups = w.replace(/(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$/, '').replace(/^y/, '').match(/[aeiouy]{1,2}/g)
  return Math.max(1, groups ? groups.length : 1)
}

export function readingMeasures (text) {
  const sentences = text.split(/\n+|(?<=[.!?])\s+/).map(s => s.trim()).filter(s => /[A-Za-z]/.test(s))
  const words = sentences.flatMap(s => s.match(/[A-Za-z][A-Za-z'’-]*/g) || [])
  const long = words.filter(w => syllables(w) >= 3)
  return {
    sentences: sentences.length,
    words: words.length,
    wordsPerSentence: sentences.length ? words.length / sentences.length : 0,
    longWordShare: words.length ? long.length / words.length : 0,
    longWords: [...new Set(long.map(w => w.toLowerCase()))]
  }
}

// Bounds for a reading age of about 9, our own reading of the usual advice
// (short sentences, common words): sentences of a dozen words or fewer on
// average, and fewer than one word in six long. The words a budget needs
// ("personal assistant", "contribution") are long and cannot all be avoided,
// so the bound leaves room for them, not for long sentences.
export const PLAIN_ENGLISH = { wordsPerSentence: 12, longWordShare: 0.17 }
