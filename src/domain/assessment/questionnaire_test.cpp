#include "domain/assessment/questionnaire.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "io/config/questionnaire_file.hpp"

namespace patchwork::assessment {
namespace {

const char* kGood = R"({
  "name": "Test questionnaire", "version": 1,
  "domains": [
    {"id": "personal_care", "title": "Personal care", "questions": [
      {"id": "washing", "text": "Washing", "eligibility_outcome": "personal_hygiene", "answers": [
        {"value": "alone", "text": "On my own", "points": 0},
        {"value": "help", "text": "With help", "points": 6, "unable_reason": "needs_assistance"},
        {"value": "slow", "text": "Very slowly", "points": 3, "unable_reason": "takes_significantly_longer"}]},
      {"id": "dressing", "text": "Dressing", "eligibility_outcome": "appropriately_clothed", "answers": [
        {"value": "alone", "text": "On my own", "points": 0},
        {"value": "help", "text": "With help", "points": 5, "unable_reason": "needs_assistance"}]}]},
    {"id": "eating", "title": "Eating and drinking", "questions": [
      {"id": "meals", "text": "Meals", "eligibility_outcome": "nutrition", "answers": [
        {"value": "alone", "text": "On my own", "points": 0},
        {"value": "pain", "text": "With pain", "points": 4, "unable_reason": "significant_pain_distress_anxiety"}]}]}
  ]})";

std::vector<std::string> fields(const std::string& text) {
  auto r = io::parse_questionnaire(text);
  std::vector<std::string> out;
  if (!r) for (const auto& e : r.error()) out.push_back(e.field);
  return out;
}

}  // namespace

TEST(Questionnaire, ParsesScoresAndProposesOutcomes) {
  auto q = io::parse_questionnaire(kGood);
  ASSERT_TRUE(q.has_value());
  EXPECT_EQ(q->question_count(), 3u);
  Answers answers{{"washing", "help"}, {"dressing", "alone"}, {"meals", "pain"}};
  EXPECT_TRUE(check_answers(*q, answers).empty());
  auto scores = score(*q, answers);
  EXPECT_EQ(scores[0].points, 6);
  EXPECT_EQ(scores[1].points, 4);
  EXPECT_EQ(total_points(scores), 10);
  auto proposal = propose_outcomes(*q, answers);
  EXPECT_FALSE(proposal[Outcome::PersonalHygiene].achieved);
  EXPECT_TRUE(proposal[Outcome::PersonalHygiene].reasons.contains(UnableReason::NeedsAssistance));
  EXPECT_FALSE(proposal[Outcome::Nutrition].achieved);
  EXPECT_TRUE(proposal[Outcome::AppropriatelyClothed].achieved);
  EXPECT_TRUE(proposal[Outcome::CaringForChild].achieved);
}

TEST(Questionnaire, AnswersMustExist) {
  auto q = io::parse_questionnaire(kGood);
  auto errors = check_answers(*q, {{"washing", "flying"}, {"singing", "alone"}});
  ASSERT_EQ(errors.size(), 2u);
}

TEST(Questionnaire, ContradictionsAndGapsAreNamed) {
  EXPECT_EQ(fields("{"), std::vector<std::string>{"file"});
  std::string dup = kGood;
  dup.replace(dup.find("\"dressing\""), 10, "\"washing\"");
  EXPECT_EQ(fields(dup), std::vector<std::string>{"domains[0].questions[1].id"});
  std::string no_points = kGood;
  no_points.replace(no_points.find(", \"points\": 5"), 13, "");
  EXPECT_EQ(fields(no_points), std::vector<std::string>{"domains[0].questions[1].answers[1].points"});
  std::string bad_outcome = kGood;
  bad_outcome.replace(bad_outcome.find("\"nutrition\""), 11, "\"juggling\"");
  EXPECT_EQ(fields(bad_outcome), std::vector<std::string>{"domains[1].questions[0].eligibility_outcome"});
  std::string dup_domain = kGood;
  dup_domain.replace(dup_domain.find("\"eating\""), 8, "\"personal_care\"");
  auto f = fields(dup_domain);
  ASSERT_FALSE(f.empty());
  EXPECT_EQ(f[0], "domains[1].id");
  EXPECT_EQ(fields(R"({"name":"x","version":1,"domains":[]})"), std::vector<std::string>{"questionnaire.domains"});
}

}  // namespace patchwork::assessment

namespace patchwork::assessment {
namespace {

// kGood with wording for a representative on every question and answer.
std::string with_representative_wording() {
  std::string text = kGood;
  auto add = [&](const std::string& after, const std::string& wording) {
    std::size_t from = 0;
    for (std::size_t pos; (pos = text.find(after, from)) != std::string::npos;) {
      std::string insert = ", \"text_for_representative\": \"" + wording + "\"";
      text.insert(pos + after.size(), insert);
      from = pos + after.size() + insert.size();
    }
  };
  add("\"text\": \"Washing\"", "How does {name} manage washing?");
  add("\"text\": \"Dressing\"", "How does {name} manage dressing?");
  add("\"text\": \"Meals\"", "How does {name} manage meals?");
  add("\"text\": \"On my own\"", "{name} manages on their own");
  add("\"text\": \"With help\"", "{name} needs help");
  add("\"text\": \"Very slowly\"", "{name} manages very slowly");
  add("\"text\": \"With pain\"", "{name} manages, with pain");
  return text;
}

}  // namespace

TEST(QuestionnaireWording, ARepresentativeIsAskedAboutThePersonByName) {
  auto q = io::parse_questionnaire(with_representative_wording());
  ASSERT_TRUE(q) << q.error().front().field << " " << q.error().front().message;
  ASSERT_TRUE(has_representative_wording(*q));
  const Question& washing = *q->question("washing");
  EXPECT_EQ(question_text(washing, Respondent::Representative, "Margaret"), "How does Margaret manage washing?");
  EXPECT_EQ(answer_text(*washing.answer("alone"), Respondent::Representative, "Margaret"), "Margaret manages on their own");
  // The person themself, and anyone filling it in with them, sees it as written.
  EXPECT_EQ(question_text(washing, Respondent::Person, "Margaret"), "Washing");
  EXPECT_EQ(answer_text(*washing.answer("alone"), Respondent::Person, "Margaret"), "On my own");
}

TEST(QuestionnaireWording, AVersionWithoutItAsksAsWritten) {
  auto q = io::parse_questionnaire(kGood);
  ASSERT_TRUE(q);
  EXPECT_FALSE(has_representative_wording(*q));
  EXPECT_EQ(question_text(*q->question("washing"), Respondent::Representative, "Margaret"), "Washing");
}

TEST(QuestionnaireWording, AllOrNoneNamedWithOnlyTheNamePlaceholder) {
  // One question without it, when the others have it.
  std::string gap = with_representative_wording();
  const std::string meals = ", \"text_for_representative\": \"How does {name} manage meals?\"";
  gap.erase(gap.find(meals), meals.size());
  EXPECT_EQ(fields(gap), std::vector<std::string>{"domains[1].questions[0].text_for_representative"});
  // A question's wording that does not say whom it asks about.
  std::string unnamed = with_representative_wording();
  unnamed.replace(unnamed.find("How does {name} manage dressing?"), 32, "How is the dressing?");
  EXPECT_EQ(fields(unnamed), std::vector<std::string>{"domains[0].questions[1].text_for_representative"});
  // A placeholder other than {name}.
  std::string stray = with_representative_wording();
  stray.replace(stray.find("How does {name} manage washing?"), 31, "How does {pronoun} manage {name}?");
  EXPECT_EQ(fields(stray), std::vector<std::string>{"domains[0].questions[0].text_for_representative"});
  // An answer worded for a representative in a version whose questions are not.
  std::string lone = kGood;
  lone.insert(lone.find("\"text\": \"With pain\"") + 19, ", \"text_for_representative\": \"{name} manages, with pain\"");
  EXPECT_EQ(fields(lone), std::vector<std::string>{"domains[1].questions[0].answers[1].text_for_representative"});
}

TEST(QuestionnaireWording, TheCouncilsQuestionnaireReadsInTheRightPerson) {
  std::ifstream in(std::string(PATCHWORK_SOURCE_DIR) + "/config/questionnaire.json");
  ASSERT_TRUE(in) << "config/questionnaire.json";
  std::stringstream text;
  text << in.rdbuf();
  auto q = io::parse_questionnaire(text.str());
  ASSERT_TRUE(q) << q.error().front().field << " " << q.error().front().message;
  ASSERT_TRUE(has_representative_wording(*q));
  for (const auto& d : q->domains)
    for (const auto& question : d.questions) {
      auto asked = question_text(question, Respondent::Representative, "Margaret");
      EXPECT_NE(asked.find("Margaret"), std::string::npos) << asked;
      for (const char* second_person : {" you ", " your ", "you?", "Do you", "How do you"})
        EXPECT_EQ((" " + asked + " ").find(second_person), std::string::npos) << asked;
      for (const auto& a : question.answers) {
        auto said = " " + answer_text(a, Respondent::Representative, "Margaret") + " ";
        for (const char* first_person : {" I ", " me ", " my ", " I'm "}) EXPECT_EQ(said.find(first_person), std::string::npos) << said;
      }
    }
}

}  // namespace patchwork::assessment
