# No server and no key: the provider is mocked, and each run says what the
# campaign and its contact lists look like. Needs Terraform 1.7 or later
# (OpenTofu 1.8 or later).
mock_provider "sarvam" {}

variables {
  campaign_id   = "CMP-1"
  agent_version = "v2"
}

run "refused_while_active" {
  command = plan

  override_data {
    target = data.sarvam_campaign.this
    values = {
      name   = "Loan reminders"
      status = "active"
    }
  }

  expect_failures = [terraform_data.rollout]
}

run "allowed_while_paused" {
  command = plan

  override_data {
    target = data.sarvam_campaign.this
    values = {
      name   = "Loan reminders"
      status = "paused"
    }
  }

  # The mock gives data.sarvam_campaign_cohorts.this an empty list of
  # cohorts, so the check passes. Terraform cannot override a list of nested
  # objects such as cohorts ("expected object type, found tuple"): test the
  # check against the fake API instead.

  assert {
    condition     = output.campaign_status == "paused"
    error_message = "The plan should go ahead for a paused campaign."
  }
}
