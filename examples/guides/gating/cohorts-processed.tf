# Roll out only when every contact list of the campaign was processed, and
# none had rejected records. A cohort still processing has no result yet.
data "sarvam_campaign_cohorts" "reminders" {
  campaign_id = "MKN-Loan-Le-181e5d84-a3cc"
}

locals {
  unprocessed = [
    for c in data.sarvam_campaign_cohorts.reminders.cohorts : "${c.name} (${c.status})"
    if c.status != "completed" || try(c.result.rejected_records, 1) != 0
  ]
}

resource "terraform_data" "agent_rollout" {
  input = data.sarvam_campaign_cohorts.reminders.ids

  lifecycle {
    precondition {
      condition     = length(local.unprocessed) == 0
      error_message = "Contact lists not processed cleanly: ${join(", ", local.unprocessed)}."
    }
  }
}

output "contacts_accepted" {
  value = sum([for c in data.sarvam_campaign_cohorts.reminders.cohorts : try(c.result.valid_records, 0)])
}
