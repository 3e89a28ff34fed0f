# A copy of the header in AWS Secrets Manager, for the receiver to read.
# secret_string_wo is write-only (Terraform 1.11 or later): it is sent to AWS
# and never stored. Raise secret_string_wo_version to send a new value.
ephemeral "sarvam_webhook_config" "crm_by_name" {
  name = "CRM attempt updates"
}

resource "aws_secretsmanager_secret" "crm_webhook_token" {
  name = "sarvam/crm-webhook-authorization"
}

resource "aws_secretsmanager_secret_version" "crm_webhook_token" {
  secret_id                = aws_secretsmanager_secret.crm_webhook_token.id
  secret_string_wo         = ephemeral.sarvam_webhook_config.crm_by_name.custom_headers["Authorization"]
  secret_string_wo_version = 1
}
