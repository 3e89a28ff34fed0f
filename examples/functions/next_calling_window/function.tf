data "sarvam_campaign" "reminders" {
  campaign_id = "MKN-Loan-Le-181e5d84-a3cc"
}

# The window that contains the plan's time, or else the next one. The
# function reads the schedule only: see calling-now.tf for status, start
# and end.
output "next_calling_window" {
  # For example { opens_at = "2025-03-11T09:30:00+05:30", closes_at = "2025-03-11T18:00:00+05:30" }
  value = provider::sarvam::next_calling_window(data.sarvam_campaign.reminders.allowed_schedule, plantimestamp())
}

# On the day New York clocks go forward, 02:30 does not exist: a window set
# to open then opens at 03:30 EDT.
output "spring_forward" {
  value = provider::sarvam::next_calling_window({
    allowed_start_time = "02:30"
    allowed_end_time   = "04:00"
    allowed_days       = ["Sunday"]
    timezone           = "America/New_York"
  }, "2025-03-09T00:00:00-05:00")
  # { opens_at = "2025-03-09T03:30:00-04:00", closes_at = "2025-03-09T04:00:00-04:00" }
}
