terraform {
  # Ephemeral resources need Terraform 1.10 or OpenTofu 1.11.
  required_version = ">= 1.10"
  required_providers {
    sarvam  = { source = "sarvamai/sarvam" }
    restapi = { source = "Mastercard/restapi" }
  }
}

# Read for this run only: custom_headers never reach the state or a saved plan.
ephemeral "sarvam_webhook_config" "crm" {
  webhook_id = "wh-crm-attempts-01"
}

# The CRM's API checks the same Authorization header that Sarvam sends to its
# webhook receiver. The provider that manages the CRM gets it from Sarvam, so
# the credential is kept in one place and never written down here.
provider "restapi" {
  uri = "https://crm.example.in/api"
  headers = {
    Authorization = ephemeral.sarvam_webhook_config.crm.custom_headers["Authorization"]
  }
}

# The receiver's route, managed with that credential. Every attribute of an
# ephemeral resource is ephemeral, the URL too, and cannot be stored in a
# resource argument; this route names the configuration by its id.
resource "restapi_object" "sarvam_route" {
  path = "/webhook-routes"
  data = jsonencode({
    source     = "sarvam"
    webhook_id = "wh-crm-attempts-01"
  })
}
