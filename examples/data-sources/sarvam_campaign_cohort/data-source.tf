# One contact list of a campaign.
data "sarvam_campaign_cohort" "batch" {
  campaign_id = "RNW-Motor-Po-7c1f0a92-55de"
  cohort_id   = "coh-rnw-dec-a"

  lifecycle {
    postcondition {
      condition     = self.status == "completed"
      error_message = "Cohort ${self.name} is ${self.status}."
    }
  }
}

output "batch_rejected_records" {
  # result is null while the cohort is still processing.
  value = try(data.sarvam_campaign_cohort.batch.result.rejected_records, null)
}

# A cohort found by its exact name among the campaign's cohorts, instead of
# its generated id. The read fails when no cohort, or more than one, has it.
data "sarvam_campaign_cohort" "by_name" {
  campaign_id = "RNW-Motor-Po-7c1f0a92-55de"
  name        = "Motor renewals - December"
}

output "by_name_cohort_id" {
  value = data.sarvam_campaign_cohort.by_name.cohort_id
}
