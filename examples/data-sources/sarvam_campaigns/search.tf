# The ten campaigns matching "renewal" that were updated longest ago, oldest first.
data "sarvam_campaigns" "renewals" {
  search      = "renewal"
  sort_by     = "updated_at"
  sort_order  = "asc"
  max_results = 10
}

output "renewal_statuses" {
  value = [for c in data.sarvam_campaigns.renewals.campaigns : "${c.name}: ${c.status}"]
}
