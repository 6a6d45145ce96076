// How plainly a page reads (#17, docs/my-pages.md "Plain English"): the two
// things every readability formula rests on, measured directly, so a failure
// says what to shorten: words a sentence, and the share of long words (three
// syllables or more, counted by the `syllable` package), in the page's prose: its paragraphs, list items, labels,
// hints and warnings (the caller picks them; tables of figures are not prose).
//
// A "sentence" ends at . ! ? or the end of a line (a label or a list item is
// read as one).

import { syllable } from 'syllable'

export function readingMeasures (text) {
  const sentences = text.split(/\n+|(?<=[.!?])\s+/).map(s => s.trim()).filter(s => /[A-Za-z]/.test(s))
  const words = sentences.flatMap(s => s.match(/[A-Za-z][A-Za-z'’-]*/g) || [])
  // Names (a capital letter after a sentence's first word: "Margaret",
  // "November") are not hard words to the person they belong to.
  const long = sentences.flatMap(s => (s.match(/[A-Za-z][A-Za-z'’-]*/g) || []).filter((w, i) => i === 0 || !/^[A-Z]/.test(w)))
    .filter(w => syllable(w) >= 3)
  return {
    sentences: sentences.length,
    words: words.length,
    wordsPerSentence: sentences.length ? words.length / sentences.length : 0,
    longWordShare: words.length ? long.length / words.length : 0,
    longWords: [...new Set(long.map(w => w.toLowerCase()))],
    longestSentences: [...sentences].sort((a, b) => b.split(/\s+/).length - a.split(/\s+/).length).slice(0, 3)
  }
}

// Bounds for a reading age of about 9, our own reading of the usual advice
// (short sentences, common words): sentences of a dozen words or fewer on
// average, and fewer than one word in six long. The words a budget needs
// ("personal assistant", "contribution") are long and cannot all be avoided,
// so the bound leaves room for them, not for long sentences.
export const PLAIN_ENGLISH = { wordsPerSentence: 12, longWordShare: 0.17 }
