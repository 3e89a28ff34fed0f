package fakeapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sarvamai/terraform-provider-sarvam/internal/text"
)

// shape is what a JSON value may be, as the API documents it and the
// provider reads it. Every field may be absent unless required, and null
// unless it is a required one.
//
// The shapes below cannot be derived from the client's types
// (internal/client's Campaign, Cohort, WebhookConfiguration) at run time:
// the client's own tests run against this fake, so this package importing
// the client would be an import cycle in those tests. Nor do the types say
// all a shape does: which fields the API always sends, which of those may
// be null, an enum's documented values, a timestamp in a string. So the
// fields are listed here once more, and TestShapesAreTheClientsTypes checks
// them against the client's json tags by reflection: the same names at
// every depth, of the same kinds, with the fields only the fake knows
// (signing_secret) named in the test. A field the API adds goes into the
// client's type and here, and the test fails until both have it.
type shape struct {
	kind shapeKind
	// fields of an object; fields not listed are allowed, as the API may add
	// some.
	fields []field
	// elem is a list's element.
	elem *shape
	// known are an enum's documented values; others pass with a note, as
	// the provider passes them through.
	known []string
}

type field struct {
	name     string
	required bool
	shape    shape
}

type shapeKind int

const (
	kString shapeKind = iota
	kTimestamp
	kInteger
	kNumber
	kBool
	kObject
	// kFree is any object: its keys are data (metadata).
	kFree
	// kStringMap is an object of strings (custom_headers).
	kStringMap
	kList
	// kIntegers is an integer or a list of integers (retry_interval_minutes).
	kIntegers
	kEnum
)

func obj(fields ...field) shape      { return shape{kind: kObject, fields: fields} }
func listOf(elem shape) shape        { return shape{kind: kList, elem: &elem} }
func enum(known ...string) shape     { return shape{kind: kEnum, known: known} }
func req(name string, s shape) field { return field{name: name, required: true, shape: s} }
func opt(name string, s shape) field { return field{name: name, shape: s} }

var (
	sString    = shape{kind: kString}
	sTimestamp = shape{kind: kTimestamp}
	sInteger   = shape{kind: kInteger}
	sNumber    = shape{kind: kNumber}
	sBool      = shape{kind: kBool}
)

var (
	toggle        = obj(opt("enabled", sBool))
	errRetry      = obj(opt("enabled", sBool), opt("max_retries", sInteger), opt("retry_interval_minutes", sInteger))
	appType       = enum("agent", "workflow")
	days          = enum("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
	campaignShape = obj(
		req("name", sString), req("campaign_id", sString), req("status", enum(statuses...)),
		// Null for a campaign that runs an experiment.
		field{name: "app_id", required: true, shape: sString},
		req("created_by", sString), req("created_at", sTimestamp), req("updated_at", sTimestamp),
		req("app_config", obj(
			opt("app_id", sString), opt("app_version", sInteger), opt("attempts_per_second", sNumber),
			opt("connection_configs", listOf(obj(opt("connection_id", sString), opt("phone_numbers", listOf(sString)), opt("weight", sInteger)))),
			opt("retry_config", obj(
				opt("max_retries", sInteger),
				opt("retry_on", obj(
					opt("busy", toggle), opt("failed", toggle), opt("no_answer", toggle),
					opt("short_duration", obj(opt("enabled", sBool), opt("threshold_seconds", sInteger))),
					opt("provider_error", errRetry), opt("internal_error", errRetry),
				)),
				opt("retry_interval_minutes", shape{kind: kIntegers}),
			)),
			opt("app_type", appType),
			opt("webhook_config", obj(opt("url", sString), opt("metadata", shape{kind: kFree}))),
			opt("phone_rotation", obj(opt("agent", sBool))),
		)),
		req("start_timestamp", sTimestamp), req("end_timestamp", sTimestamp),
		req("allowed_schedule", obj(
			opt("allowed_start_time", sString), opt("allowed_end_time", sString),
			opt("allowed_days", listOf(days)), opt("timezone", sString),
		)),
		opt("description", sString), opt("app_type", appType), opt("app_version", sInteger), opt("updated_by", sString),
		opt("webhook_config", shape{kind: kFree}),
	)
	cohortShape = obj(
		req("name", sString), req("cohort_id", sString), req("status", enum("processing", "completed", "failed")),
		req("source_type", sString), req("created_by", sString), req("created_at", sTimestamp), req("updated_at", sTimestamp),
		opt("result", obj(opt("total_records", sInteger), opt("valid_records", sInteger), opt("rejected_records", sInteger))),
		opt("updated_by", sString),
	)
	webhookShape = obj(
		req("webhook_id", sString), req("name", sString), req("url", sString),
		req("created_by", sString), req("created_at", sTimestamp), req("updated_at", sTimestamp),
		opt("custom_headers", shape{kind: kStringMap}), opt("updated_by", sString),
		// Sent only when a configuration is created; never stored by the provider.
		opt("signing_secret", sString),
	)
)

// nullable lists the required fields that may be null.
var nullable = map[string]bool{"app_id": true}

// problem is one thing wrong (or, as a note, unusual) at a path in a file.
// unknown marks a field the shape does not know, a note unless strict.
type problem struct {
	path, msg string
	unknown   bool
}

// check reports what in v does not fit s, and notes values outside an enum.
func (s shape) check(path string, v any, problems, notes *[]problem) {
	bad := func(want string) {
		*problems = append(*problems, problem{path: path, msg: fmt.Sprintf("want %s, got %s", want, describe(v))})
	}
	if v == nil {
		return // null: the caller decided whether it may be
	}
	switch s.kind {
	case kString:
		if _, ok := v.(string); !ok {
			bad("a string")
		}
	case kEnum:
		t, ok := v.(string)
		switch {
		case !ok:
			bad("a string")
		case !slices.Contains(s.known, t):
			*notes = append(*notes, problem{path: path, msg: fmt.Sprintf("%q is not one of the documented %s; served as is, as the provider passes it through", t, strings.Join(s.known, ", "))})
		}
	case kTimestamp:
		t, ok := v.(string)
		if !ok {
			bad("an ISO 8601 timestamp string")
		} else if !parseStamp(t).ok {
			*problems = append(*problems, problem{path: path, msg: fmt.Sprintf("want an ISO 8601 timestamp such as 2026-11-01T09:30:00Z, got %q", t)})
		}
	case kInteger:
		if !isInteger(v) {
			bad("an integer")
		}
	case kNumber:
		if _, ok := v.(json.Number); !ok {
			bad("a number")
		}
	case kBool:
		if _, ok := v.(bool); !ok {
			bad("true or false")
		}
	case kIntegers:
		if l, ok := v.([]any); ok {
			for i, e := range l {
				if !isInteger(e) {
					*problems = append(*problems, problem{path: fmt.Sprintf("%s[%d]", path, i), msg: "want an integer, got " + describe(e)})
				}
			}
		} else if !isInteger(v) {
			bad("an integer or a list of integers")
		}
	case kList:
		l, ok := v.([]any)
		if !ok {
			bad("a list")
			return
		}
		s.checkItems(path, l, problems, notes)
	case kFree:
		if _, ok := v.(map[string]any); !ok {
			bad("an object")
		}
	case kStringMap:
		m, ok := v.(map[string]any)
		if !ok {
			bad("an object of strings")
			return
		}
		for _, k := range sortedKeys(m) {
			if _, ok := m[k].(string); !ok {
				*problems = append(*problems, problem{path: join(path, k), msg: "want a string, got " + describe(m[k])})
			}
		}
	case kObject:
		m, ok := v.(map[string]any)
		if !ok {
			bad("an object")
			return
		}
		s.checkFields(path, m, problems, notes)
	}
}

// checkItems checks each item of a list against the list's element shape;
// a null item is a problem.
func (s shape) checkItems(path string, l []any, problems, notes *[]problem) {
	for i, e := range l {
		if e == nil {
			*problems = append(*problems, problem{path: fmt.Sprintf("%s[%d]", path, i), msg: "want " + s.elem.what() + ", got null"})
			continue
		}
		s.elem.check(fmt.Sprintf("%s[%d]", path, i), e, problems, notes)
	}
}

// checkFields checks an object's fields: required ones present and, unless
// nullable, not null; each against its shape.
func (s shape) checkFields(path string, m map[string]any, problems, notes *[]problem) {
	for _, f := range s.fields {
		fv, present := m[f.name]
		p := join(path, f.name)
		switch {
		case f.required && !present:
			*problems = append(*problems, problem{path: p, msg: "missing; the API always sends it"})
		case f.required && fv == nil && !nullable[f.name]:
			*problems = append(*problems, problem{path: p, msg: "null; the API always sends " + f.shape.what()})
		default:
			f.shape.check(p, fv, problems, notes)
		}
	}
	for _, k := range sortedKeys(m) {
		if !slices.ContainsFunc(s.fields, func(f field) bool { return f.name == k }) {
			*notes = append(*notes, problem{path: join(path, k), msg: s.unknownField(k, m), unknown: true})
		}
	}
}

// unknownField says what becomes of a key the shape does not know: served,
// but the provider reads no such field, so a misspelt one leaves the field
// meant absent.
func (s shape) unknownField(k string, m map[string]any) string {
	if near := s.closest(k); near != "" {
		if _, given := m[near]; !given {
			return fmt.Sprintf("not a field the API is known to send; did you mean %s? Served as is, but the provider ignores it, so %s reads as absent", near, near)
		}
		return fmt.Sprintf("not a field the API is known to send (%s is given too); served as is, and the provider ignores it", near)
	}
	return "not a field the API is known to send; served as is, and the provider ignores it"
}

// closest is the known field nearest to k in spelling, or "" when none is
// near: one a prefix of the other, or a few edits apart.
func (s shape) closest(k string) string {
	best, bestDist := "", -1
	for _, f := range s.fields {
		d := text.EditDistance(strings.ToLower(k), f.name)
		if len(k) >= 4 && (strings.HasPrefix(f.name, k) || strings.HasPrefix(k, f.name)) {
			d = min(d, 1) // a field cut short or run on
		}
		if d <= max(2, len(f.name)/4) && (bestDist < 0 || d < bestDist) {
			best, bestDist = f.name, d
		}
	}
	return best
}

// what names a shape for messages.
func (s shape) what() string {
	switch s.kind {
	case kString, kEnum:
		return "a string"
	case kTimestamp:
		return "an ISO 8601 timestamp"
	case kInteger:
		return "an integer"
	case kNumber:
		return "a number"
	case kBool:
		return "true or false"
	case kIntegers:
		return "an integer or a list of integers"
	case kList:
		return "a list"
	default:
		return "an object"
	}
}

func isInteger(v any) bool {
	n, ok := v.(json.Number)
	if !ok {
		return false
	}
	_, err := strconv.ParseInt(n.String(), 10, 64)
	return err == nil
}

// describe names the kind of a decoded JSON value, with a short value.
func describe(v any) string {
	switch t := v.(type) {
	case nil:
		return "null"
	case string:
		if len(t) > 40 {
			t = t[:40] + "…"
		}
		return fmt.Sprintf("the string %q", t)
	case json.Number:
		return "the number " + t.String()
	case bool:
		return fmt.Sprintf("%t", t)
	case []any:
		return "a list"
	default:
		return "an object"
	}
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// decodeFixture decodes one fixture file's body, keeping numbers exact.
func decodeFixture(body []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("more than one JSON value")
	}
	return v, nil
}

// jsonErrorAt is a decoding error with the line and column it happened at,
// counted from 1, where the error knows its offset.
func jsonErrorAt(body []byte, err error) string {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	offset := int64(-1)
	msg := err.Error()
	switch {
	case errors.As(err, &syntax):
		offset = max(syntax.Offset-1, 0) // the offset is just after the character refused
	case errors.As(err, &typ):
		offset = typ.Offset
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		offset, msg = int64(len(body)), "the file ends before the JSON value does"
	}
	if offset < 0 {
		return msg
	}
	line, col := lineColumn(body, offset)
	return fmt.Sprintf("line %d, column %d: %s", line, col, msg)
}

// lineColumn is where byte offset lies in body, both counted from 1; the
// column counts characters.
func lineColumn(body []byte, offset int64) (line, col int) {
	offset = min(offset, int64(len(body)))
	before := body[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	lastLine := before[bytes.LastIndexByte(before, '\n')+1:]
	return line, utf8.RuneCount(lastLine) + 1
}
