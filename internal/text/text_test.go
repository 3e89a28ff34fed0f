package text

import "testing"

func TestTruncate(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"short", 8, "short"},
		{"exactly8", 8, "exactly8"},
		{"123456789", 8, "12345678…"},
		// "é" is two bytes; a cut at byte 2 would split it.
		{"aé12", 2, "a…"},
		{"", 0, ""},
		{"x", 0, "…"},
	} {
		if got := Truncate(tc.in, tc.n); got != tc.want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}

func TestCut(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
		cut  bool
	}{
		{"short", 8, "short", false},
		{"123456789", 8, "12345678", true},
		// "é" is two bytes; a cut at byte 2 would split it.
		{"aé12", 2, "a", true},
		{"é", 1, "", true},
	} {
		if got, cut := Cut(tc.in, tc.n); got != tc.want || cut != tc.cut {
			t.Errorf("Cut(%q, %d) = %q, %v, want %q, %v", tc.in, tc.n, got, cut, tc.want, tc.cut)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "", 3}, {"", "abc", 3}, {"same", "same", 0},
		{"campaign", "campaigns", 1}, {"funday", "sunday", 1}, {"kitten", "sitting", 3},
	} {
		if got := EditDistance(tc.a, tc.b); got != tc.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
