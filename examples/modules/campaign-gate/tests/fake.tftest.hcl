# Against the fake Sarvam API serving ../fixtures: the real provider reads
# real responses. Start the fake first and export SARVAM_BASE_URL,
# SARVAM_API_KEY, SARVAM_ORG_ID and SARVAM_WORKSPACE_ID (see the guide
# "Testing modules that use this provider").
variables {
  agent_version = "v2"
}

run "refused_while_active" {
  command = plan

  variables {
    campaign_id = "GATE-Active-01"
  }

  expect_failures = [terraform_data.rollout]
}

run "allowed_while_paused" {
  command = plan

  variables {
    campaign_id = "GATE-Paused-01"
  }

  assert {
    condition     = output.campaign_status == "paused"
    error_message = "The plan should go ahead for a paused campaign."
  }
}

run "warns_on_rejected_records" {
  command = plan

  variables {
    campaign_id = "GATE-Dirty-01"
  }

  expect_failures = [check.cohorts_processed]
}

run "retries_a_rate_limit" {
  command = plan

  # fixtures/faults.json makes the first read of this campaign answer 429
  # with Retry-After: 1; the provider waits a second and reads it again.
  variables {
    campaign_id = "GATE-Throttled-01"
  }

  assert {
    condition     = output.campaign_status == "paused"
    error_message = "The read should succeed after the rate limit."
  }
}
