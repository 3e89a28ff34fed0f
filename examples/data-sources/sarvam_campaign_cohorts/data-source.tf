# Every contact list uploaded to the campaign.
data "sarvam_campaign_cohorts" "reminders" {
  campaign_id = "MKN-Loan-Le-181e5d84-a3cc"
}

# Roll out only when every cohort was processed without rejected records.
resource "terraform_data" "agent_rollout" {
  input = data.sarvam_campaign_cohorts.reminders.ids

  lifecycle {
    precondition {
      condition = alltrue([
        for c in data.sarvam_campaign_cohorts.reminders.cohorts :
        c.status == "completed" && try(c.result.rejected_records, 1) == 0
      ])
      error_message = "Campaign MKN-Loan-Le-181e5d84-a3cc has cohorts that are not completed or have rejected records: ${join(", ", [for c in data.sarvam_campaign_cohorts.reminders.cohorts : "${c.name} (${c.status})" if c.status != "completed" || try(c.result.rejected_records, 1) != 0])}."
    }
  }
}

output "contacts_accepted" {
  value = sum([for c in data.sarvam_campaign_cohorts.reminders.cohorts : try(c.result.valid_records, 0)])
}
