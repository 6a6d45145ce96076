// Filling in the demo council's self-assessment (config/questionnaire.json) in
// the browser, as a worker does with the person: the same parts, questions
// and answers for every browser test that needs an assessment done.

// An answer for every part of the demo questionnaire, in the order of its task
// list: part -> [[question, answer], ...], named as the page shows them.
// `changes` replaces a part's answers, or leaves a part out when given null
// (one answered on its own beforehand, say), keeping the order.
export function demoAnswers (changes = {}) {
  const answers = {
    'Personal care': [['How do you manage washing and bathing?', 'I need some help'], ['How do you manage getting dressed?', 'I need some help'],
      ['How do you manage going to the toilet?', 'I manage on my own']],
    'Eating and drinking': [['How do you manage making meals and eating?', 'I often forget to eat or drink']],
    'Getting about': [['How do you manage moving around your home?', 'I manage, but I have fallen or nearly fallen']],
    'Home and housework': [['How do you manage keeping your home clean and safe to live in?', 'I need some help']],
    'Family and friends': [['How do you keep in touch with family and friends?', 'I see or speak to people as much as I want']],
    'Going out': [['How do you manage going to the shops, appointments or activities?', 'I can only go out with someone']],
    'Work, learning and volunteering': [['Do you want help to work, learn or volunteer?', 'No, I do not want to']],
    'Caring for others': [['Do you look after a child?', 'No']],
    'Health and memory': [['Does your memory make everyday things hard?', 'Often']],
    'Keeping safe': [['Are there times when you are not safe at home?', 'Sometimes']],
    'Help from family and friends': [['How much help do you get from family or friends, unpaid?', 'None']]
  }
  for (const part of Object.keys(changes)) {
    if (!(part in answers)) throw new Error(`the demo questionnaire has no part '${part}'`)
  }
  return Object.fromEntries(Object.entries(answers)
    .map(([part, questions]) => [part, part in changes ? changes[part] : questions])
    .filter(([, questions]) => questions !== null))
}

// From the assessment's task list: each part opened by its link, its answers
// chosen, saved back to the list.
export async function answerParts (page, answers) {
  for (const [part, questions] of Object.entries(answers)) {
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: part, exact: true }).click()])
    for (const [question, answer] of questions) await page.getByRole('group', { name: question }).getByLabel(answer, { exact: true }).check()
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Save and go back to the list' }).click()])
  }
}
