package client

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"unicode/utf8"
)

// Campaign is the Get Campaign response. Every scalar is a pointer and every
// object a pointer so that a field the API leaves out, or sends as null, stays
// distinguishable from its zero value: nothing is invented.
type Campaign struct {
	Name            *string          `json:"name"`
	CampaignID      *string          `json:"campaign_id"`
	Status          *string          `json:"status"`
	AppID           *string          `json:"app_id"`
	CreatedBy       *string          `json:"created_by"`
	CreatedAt       *string          `json:"created_at"`
	UpdatedAt       *string          `json:"updated_at"`
	AppConfig       *AppConfig       `json:"app_config"`
	StartTimestamp  *string          `json:"start_timestamp"`
	EndTimestamp    *string          `json:"end_timestamp"`
	AllowedSchedule *AllowedSchedule `json:"allowed_schedule"`
	Description     *string          `json:"description"`
	AppType         *string          `json:"app_type"`
	AppVersion      *int64           `json:"app_version"`
	UpdatedBy       *string          `json:"updated_by"`
}

// AppConfig is the agent configuration of a campaign.
type AppConfig struct {
	AppID             *string            `json:"app_id"`
	AppVersion        *int64             `json:"app_version"`
	AttemptsPerSecond *float64           `json:"attempts_per_second"`
	ConnectionConfigs []ConnectionConfig `json:"connection_configs"`
	RetryConfig       *RetryConfig       `json:"retry_config"`
	AppType           *string            `json:"app_type"`
	WebhookConfig     *WebhookConfig     `json:"webhook_config"`
	PhoneRotation     *PhoneRotation     `json:"phone_rotation"`
}

// ConnectionConfig is one telephony connection and the caller numbers it dials from.
type ConnectionConfig struct {
	ConnectionID *string `json:"connection_id"`
	// Elements are pointers so that a null in the list stays null.
	PhoneNumbers []*string `json:"phone_numbers"`
	Weight       *int64    `json:"weight"`
}

// RetryConfig is the campaign's retry policy.
type RetryConfig struct {
	MaxRetries           *int64      `json:"max_retries"`
	RetryOn              *RetryOn    `json:"retry_on"`
	RetryIntervalMinutes IntegerList `json:"retry_interval_minutes"`
}

// RetryOn holds the call outcomes that trigger a retry; any may be absent.
type RetryOn struct {
	Busy          *RetryToggle        `json:"busy"`
	Failed        *RetryToggle        `json:"failed"`
	NoAnswer      *RetryToggle        `json:"no_answer"`
	ShortDuration *ShortDurationRetry `json:"short_duration"`
	ProviderError *ErrorRetry         `json:"provider_error"`
	InternalError *ErrorRetry         `json:"internal_error"`
}

// RetryToggle is a retry condition that is only switched on or off.
type RetryToggle struct {
	Enabled *bool `json:"enabled"`
}

// ShortDurationRetry retries calls that ended sooner than a threshold.
type ShortDurationRetry struct {
	Enabled          *bool  `json:"enabled"`
	ThresholdSeconds *int64 `json:"threshold_seconds"`
}

// ErrorRetry retries calls that failed on an error, with its own budget and interval.
type ErrorRetry struct {
	Enabled              *bool  `json:"enabled"`
	MaxRetries           *int64 `json:"max_retries"`
	RetryIntervalMinutes *int64 `json:"retry_interval_minutes"`
}

// WebhookConfig is where per-attempt results are posted. Metadata is kept as
// raw JSON because it is free-form.
type WebhookConfig struct {
	URL      *string         `json:"url"`
	Metadata json.RawMessage `json:"metadata"`
}

// PhoneRotation rotates caller numbers across retries.
type PhoneRotation struct {
	Agent *bool `json:"agent"`
}

// AllowedSchedule is the calling window.
type AllowedSchedule struct {
	AllowedStartTime *string   `json:"allowed_start_time"`
	AllowedEndTime   *string   `json:"allowed_end_time"`
	AllowedDays      []*string `json:"allowed_days"`
	Timezone         *string   `json:"timezone"`
}

// IntegerList is a list of integers that the API sends either as a JSON array
// or as a bare integer (documented examples show both). Null is a nil Values
// with Present false.
type IntegerList struct {
	Present bool
	Values  []int64
}

// UnmarshalJSON accepts null, an integer or an array of integers.
func (l *IntegerList) UnmarshalJSON(data []byte) error {
	trimmed := bytes.TrimSpace(data)
	switch {
	case bytes.Equal(trimmed, []byte("null")):
		*l = IntegerList{}
		return nil
	case len(trimmed) > 0 && trimmed[0] == '[':
		// Pointers, because decoding null into an int64 would silently
		// make it 0: a wait the API never asked for.
		var elems []*int64
		if err := json.Unmarshal(trimmed, &elems); err != nil {
			return &json.UnmarshalTypeError{Value: "list with a non-integer", Type: reflect.TypeFor[IntegerList]()}
		}
		values := make([]int64, len(elems))
		for i, e := range elems {
			if e == nil {
				return &json.UnmarshalTypeError{Value: "list with a null", Type: reflect.TypeFor[IntegerList]()}
			}
			values[i] = *e
		}
		*l = IntegerList{Present: true, Values: values}
		return nil
	default:
		var v int64
		if err := json.Unmarshal(trimmed, &v); err != nil {
			// The caller prefixes "a JSON ", so the article goes.
			kind := describeJSON(trimmed)
			for _, article := range []string{"an ", "a ", "the "} {
				kind = strings.TrimPrefix(kind, article)
			}
			return &json.UnmarshalTypeError{Value: kind, Type: reflect.TypeFor[IntegerList]()}
		}
		*l = IntegerList{Present: true, Values: []int64{v}}
		return nil
	}
}

// describeJSON names the kind of a JSON value for error messages without
// echoing it whole.
func describeJSON(v []byte) string {
	if len(v) == 0 {
		return "nothing"
	}
	switch v[0] {
	case '{':
		return "an object"
	case '[':
		return "a list"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return "the number " + truncate(string(v), 32)
	default:
		// A proxy or captive portal can answer 200 with a page of its own.
		if looksLikeHTML(v) {
			return "an HTML page"
		}
		return "text that is not JSON"
	}
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	// Cutting inside a multi-byte rune would put invalid UTF-8 in a message.
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
