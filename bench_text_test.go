package main

// Benchmarks of issue 12's two goals, each against the nearest tool that
// does the same reading, timed in the same run (make bench):
//   - `cmocoder add` of a 1 MB interview transcript (goal: under 0.5 s)
//     against `iconv -f UTF-8 -t UTF-8` of the same file. pdftotext has no
//     part here: the file is text already. What any program must do with
//     it is check and decode its encoding, which iconv does natively and
//     nothing more; `add` also lays the text out in pages with a box per
//     character, hashes it and stores file, text and boxes, so the ratio
//     says what all that costs over reading the bytes.
//   - `cmocoder import` of the NVivo sample (goal: under 2 s) against
//     `unzip -p` of the same archive: decompressing what the archive holds
//     is the floor of any import of it.

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// benchVersus runs `cmocoder VERB PROJECT ARGS...` on a fresh project b.N
// times, and the command other makes for the alternative as often, and
// reports the mean wall and CPU (user + system) seconds of each and the
// ratio of the walls: "s/<verb>", "cpu-s/<verb>", "s/<alt>",
// "cpu-s/<alt>", "x_<alt>". The CPU seconds say what the machine's other
// work does not: on a busy machine the wall waits for a core.
func benchVersus(b *testing.B, verb string, args []string, alt string, other func() *exec.Cmd) {
	if _, err := exec.LookPath(alt); err != nil {
		b.Skipf("%s not installed", alt)
	}
	var ours, oursCPU, theirs, theirsCPU time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		p := newProject(b)
		cmd := exec.Command(bin, append([]string{verb, p}, args...)...)
		cmd.Env = append(os.Environ(), "CMOCODER_CODER=tester")
		b.StartTimer()
		wall, cpu := timeCmd(b, cmd)
		b.StopTimer()
		ours, oursCPU = ours+wall, oursCPU+cpu
		wall, cpu = timeCmd(b, other())
		theirs, theirsCPU = theirs+wall, theirsCPU+cpu
		b.StartTimer()
	}
	n := float64(b.N)
	b.ReportMetric(ours.Seconds()/n, "s/"+verb)
	b.ReportMetric(oursCPU.Seconds()/n, "cpu-s/"+verb)
	b.ReportMetric(theirs.Seconds()/n, "s/"+alt)
	b.ReportMetric(theirsCPU.Seconds()/n, "cpu-s/"+alt)
	b.ReportMetric(float64(ours)/float64(theirs), "x_"+alt)
}

// timeCmd runs cmd, its output discarded, and says how long it took and
// how much CPU it used; a failure ends the benchmark.
func timeCmd(b *testing.B, cmd *exec.Cmd) (wall, cpu time.Duration) {
	var errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &errb
	t0 := time.Now()
	if err := cmd.Run(); err != nil {
		b.Fatalf("%s: %v %s", strings.Join(cmd.Args, " "), err, errb.String())
	}
	return time.Since(t0), cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
}

// interviewTranscript is an interview of at least n bytes of UTF-8: speaker
// turns, each on its own line after a blank one, with accents, dashes and
// curly quotes as transcription software writes them.
func interviewTranscript(n int) string {
	turns := []string{
		"Interviewer: Could you tell me how the programme started in your clinic — who came first, and what they asked of you?",
		"Participant 3: Well, the nurse coordinator, Zoë, came in March. She said “we’ll meet every fortnight”, and we did; at first nobody trusted it, to be honest.",
		"Interviewer: What changed that?",
		"Participant 3: The résumé of cases. When we saw our own numbers — eleven referrals, then twenty-six — people started to come. Staff felt it was theirs, not the ministry’s.",
	}
	var sb strings.Builder
	for i := 0; sb.Len() < n; i++ {
		fmt.Fprintf(&sb, "[%02d:%02d] %s\n\n", i/60%60, i%60, turns[i%len(turns)])
	}
	return sb.String()
}

// BenchmarkAddTranscript: `cmocoder add` of a 1 MB transcript, process
// start to stored, against iconv decoding it.
func BenchmarkAddTranscript(b *testing.B) {
	path := filepath.Join(b.TempDir(), "interview 3.txt")
	if err := os.WriteFile(path, []byte(interviewTranscript(1<<20)), 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(1 << 20)
	benchVersus(b, "add", []string{path},
		"iconv", func() *exec.Cmd { return exec.Command("iconv", "-f", "UTF-8", "-t", "UTF-8", path) })
}

// BenchmarkImportNVivo: `cmocoder import` of the NVivo sample (a text
// source of 0.7 MB in UTF-16, its coded passages), process start to
// stored, against unzip reading the whole archive.
func BenchmarkImportNVivo(b *testing.B) {
	sample := filepath.Join(refiSamples, "nvivo-win-12.6-hu-youtube-comments.qdpx")
	if _, err := os.Stat(sample); err != nil {
		b.Skipf("%s is not here", sample)
	}
	benchVersus(b, "import", []string{sample},
		"unzip", func() *exec.Cmd { return exec.Command("unzip", "-p", sample) })
}
