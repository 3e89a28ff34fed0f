# Every webhook configuration of the workspace, and where each one posts.
data "sarvam_webhook_configs" "all" {}

output "webhook_urls" {
  value = { for w in data.sarvam_webhook_configs.all.webhook_configs : w.name => w.url }
}

# Only the configurations whose names match "crm"; custom_headers stays
# sensitive in the list too.
data "sarvam_webhook_configs" "crm" {
  search = "crm"
}

output "crm_webhook_ids" {
  value = data.sarvam_webhook_configs.crm.ids
}
