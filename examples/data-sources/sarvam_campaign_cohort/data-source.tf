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
