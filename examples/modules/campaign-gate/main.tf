# A module that gates an agent rollout on a Sarvam campaign: the plan is
# refused while the campaign is active, and a check warns when a contact list
# was not processed cleanly. Its tests are in tests/: one with a mocked
# provider, one against the fake API serving fixtures/.
terraform {
  required_providers {
    sarvam = {
      source = "sarvamai/sarvam"
    }
  }
}

variable "campaign_id" {
  description = "The campaign the rollout must not disturb."
  type        = string
}

variable "agent_version" {
  description = "The agent version to roll out."
  type        = string
}

data "sarvam_campaign" "this" {
  campaign_id = var.campaign_id
}

data "sarvam_campaign_cohorts" "this" {
  campaign_id = data.sarvam_campaign.this.campaign_id
}

resource "terraform_data" "rollout" {
  input = var.agent_version

  lifecycle {
    precondition {
      condition     = data.sarvam_campaign.this.status != "active"
      error_message = "Campaign ${data.sarvam_campaign.this.name} is active: pause it before rolling out agent ${var.agent_version}."
    }
  }
}

check "cohorts_processed" {
  assert {
    condition = alltrue([
      for c in data.sarvam_campaign_cohorts.this.cohorts :
      c.status == "completed" && try(c.result.rejected_records, 1) == 0
    ])
    error_message = "Campaign ${data.sarvam_campaign.this.name} has contact lists that are not completed or have rejected records."
  }
}

output "campaign_status" {
  description = "The campaign's status when the rollout was planned."
  value       = data.sarvam_campaign.this.status
}
