package client

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"

	"github.com/sarvamai/terraform-provider-sarvam/internal/text"
)

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
		return "the number " + text.Truncate(string(v), 32)
	default:
		// A proxy or captive portal can answer 200 with a page of its own.
		if looksLikeHTML(v) {
			return "an HTML page"
		}
		return "text that is not JSON"
	}
}
