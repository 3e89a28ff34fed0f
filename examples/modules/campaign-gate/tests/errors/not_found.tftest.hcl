# Fails on purpose: `terraform test -test-directory=tests/errors` must exit 1
# with "Error: Campaign not found". expect_failures covers custom conditions
# only, never a provider's error, so this run cannot pass; the script that runs
# it checks that it fails, and why.
variables {
  agent_version = "v2"
}

run "campaign_not_found" {
  command = plan

  variables {
    campaign_id = "GATE-Missing-01"
  }
}
