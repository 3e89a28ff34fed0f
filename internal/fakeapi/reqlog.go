package fakeapi

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// SetRequestLog makes the server write one line per request to w, once it
// is answered: method, path and query as sent, status, and the fault that
// answered instead of the API, if one did. Headers, and so the key, are
// never written. Lines are written in order by a goroutine of their own, so
// that output nobody reads never holds up an answer: past requestLogQueue
// lines waiting, the rest are counted and the count written once the
// writer catches up. Nil turns the log off, after writing every line
// already queued.
func (s *Server) SetRequestLog(w io.Writer) {
	s.mu.Lock()
	old := s.reqLog
	s.reqLog = nil
	if w != nil {
		s.reqLog = startRequestLog(w)
	}
	s.mu.Unlock()
	if old != nil {
		old.close()
	}
}

// requestLogQueue is how many lines may wait for a slow reader.
var requestLogQueue = 4096

// requestLog writes queued lines to its writer.
type requestLog struct {
	lines chan string
	done  chan struct{}
	// dropped counts lines that found the queue full, under mu.
	mu      sync.Mutex
	dropped int
	closed  bool
}

func startRequestLog(w io.Writer) *requestLog {
	l := &requestLog{lines: make(chan string, requestLogQueue), done: make(chan struct{})}
	go func() {
		defer close(l.done)
		for line := range l.lines {
			_, _ = io.WriteString(w, line)
			l.mu.Lock()
			n := l.dropped
			l.dropped = 0
			l.mu.Unlock()
			if n > 0 {
				_, _ = fmt.Fprintf(w, "(%d request lines left out: the output was not being read)\n", n)
			}
		}
	}()
	return l
}

// add queues a line, or counts it when the queue is full.
func (l *requestLog) add(line string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return
	}
	select {
	case l.lines <- line:
	default:
		l.dropped++
	}
}

// close writes what is queued and stops.
func (l *requestLog) close() {
	l.mu.Lock()
	if !l.closed {
		l.closed = true
		close(l.lines)
	}
	l.mu.Unlock()
	<-l.done
}

// logged is what the request log says of one request, filled in as it is
// answered.
type logged struct {
	// fault describes the fault that answered, "" for the API.
	fault string
}

type loggedKey struct{}

// noteFault tells the request log which fault answered r.
func noteFault(r *http.Request, fault string) {
	if l, ok := r.Context().Value(loggedKey{}).(*logged); ok {
		l.fault = fault
	}
}

// ServerHeader is the Server header of every answer of the fake, so that a
// report or a user can tell it from the real API.
const ServerHeader = "sarvam-fakeapi"

// logRequests writes the request log's line for each request, and names
// the fake in every answer's Server header.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Server", ServerHeader)
		s.mu.Lock()
		out := s.reqLog
		s.mu.Unlock()
		if out == nil {
			next.ServeHTTP(w, r)
			return
		}
		l := &logged{}
		lw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(lw, r.WithContext(context.WithValue(r.Context(), loggedKey{}, l)))
		target := r.URL.EscapedPath()
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		var b strings.Builder
		fmt.Fprintf(&b, "%s %s ", r.Method, s.redactKeys(target))
		switch {
		case lw.status != 0:
			b.WriteString(strconv.Itoa(lw.status))
		case r.Context().Err() != nil:
			b.WriteString("no answer: the client gave up")
		default:
			b.WriteString("200")
		}
		if l.fault != "" {
			b.WriteString(" (fault " + l.fault + ")")
		}
		b.WriteString("\n")
		out.add(b.String())
	})
}

// redactKeys takes every key the server accepts out of s: one sent in a
// query by mistake must not reach the log.
func (s *Server) redactKeys(str string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	for k := range s.keys {
		if k != "" {
			str = strings.ReplaceAll(str, k, "[REDACTED]")
		}
	}
	return str
}

// statusWriter keeps the status written, and passes on Flush and Hijack,
// which the faults use.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (w *statusWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	if h, ok := w.ResponseWriter.(http.Hijacker); ok {
		return h.Hijack()
	}
	return nil, nil, http.ErrNotSupported
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// String writes a path fault as the command line's -fault takes it:
// campaigns/MKN-1=429,retry-after=30,times=2. A Fault of other kinds
// (Reset, StallAfter) is named by its status alone.
func (f PathFault) String() string {
	var b strings.Builder
	b.WriteString(f.Path + "=")
	if f.Hang {
		b.WriteString("hang")
	} else {
		b.WriteString(strconv.Itoa(f.Status))
	}
	if v, ok := f.Header["Retry-After"]; ok {
		b.WriteString(",retry-after=" + v)
	}
	if f.Delay > 0 {
		b.WriteString(",delay=" + f.Delay.String())
	}
	if f.Times > 0 {
		b.WriteString(",times=" + strconv.Itoa(f.Times))
	}
	return b.String()
}

// PathFaults returns the path faults not used up, in the order they
// answer.
func (s *Server) PathFaults() []PathFault {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []PathFault
	for _, f := range s.pathFaults {
		if f.Times >= 0 {
			out = append(out, *f)
		}
	}
	return out
}
