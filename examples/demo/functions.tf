# Provider functions (Terraform 1.8 or later, OpenTofu 1.7 or later): the
# calling window at a fixed moment. make demo plans this file only with a CLI
# that has provider functions.
output "reminders_window_at_monday_10am" {
  value = {
    open = provider::sarvam::calling_window_open(data.sarvam_campaign.reminders.allowed_schedule, "2026-11-30T10:00:00+05:30")
    next = provider::sarvam::next_calling_window(data.sarvam_campaign.reminders.allowed_schedule, "2026-11-30T10:00:00+05:30")
  }
}
