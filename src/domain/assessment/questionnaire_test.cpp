#include "domain/assessment/questionnaire.hpp"

#include <gtest/gtest.h>

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
