terraform {
  required_providers {
    sarvam = {
      source  = "sarvamai/sarvam"
      version = "~> 0.1"
    }
  }
}

# The API key is best left out of the configuration: export SARVAM_API_KEY.
provider "sarvam" {
  org_id       = "org-acme-finance"
  workspace_id = "ws-collections"
}
