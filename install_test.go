package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"cmocoder.org/cmocoder/internal/testtools"
)

// TestInstallFileAssociation registers the real binary as a file manager
// sees it (`cmocoder install` into temporary XDG folders), checks that the
// freedesktop.org tools then know .cmoproj files, by name and by content,
// and that cmocoder is their default application; then "double-clicks" a
// project as a file manager does (`gio open`) under Xvfb and waits for the
// app's window on that project; then `cmocoder uninstall` takes it all back.
func TestInstallFileAssociation(t *testing.T) {
	testtools.Need(t, "xdg-mime", "gio", "update-mime-database", "update-desktop-database")
	display := startXvfb(t)
	dir := t.TempDir()
	data, config := filepath.Join(dir, "data"), filepath.Join(dir, "config")

	// The program lives in a folder with a space in its name, so the desktop
	// entry's Exec quoting is tried for real (a hard link to the test binary:
	// install resolves symbolic links, not hard ones).
	appExe := filepath.Join(dir, "My Apps", "cmocoder")
	os.MkdirAll(filepath.Dir(appExe), 0o755)
	if err := os.Link(bin, appExe); err != nil {
		b, err := os.ReadFile(bin)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(appExe, b, 0o755); err != nil {
			t.Fatal(err)
		}
	}

	// The environment of the user's session: their own XDG folders, and a
	// GNOME desktop, where xdg-mime asks GIO, which reads shared-mime-info
	// as file managers do (its generic fallback asks file(1), which knows
	// no user-installed types).
	env := []string{}
	for _, kv := range os.Environ() {
		switch k, _, _ := strings.Cut(kv, "="); k {
		case "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CURRENT_DESKTOP", "DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS":
			continue
		}
		env = append(env, kv)
	}
	env = append(env, "XDG_DATA_HOME="+data, "XDG_CONFIG_HOME="+config, "XDG_CURRENT_DESKTOP=GNOME",
		"DISPLAY="+display, "FYNE_SCALE=1", "CMOCODER_CODER=tester", "LANG=C.UTF-8")
	// runIn runs a program in that environment and returns its stdout,
	// trimmed. Its output goes to files, not pipes: the app that gio
	// launches inherits them and outlives gio.
	runIn := func(name string, args ...string) (string, error) {
		t.Helper()
		outF, err1 := os.CreateTemp(dir, "stdout")
		errF, err2 := os.CreateTemp(dir, "stderr")
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		defer outF.Close()
		defer errF.Close()
		cmd := exec.Command(name, args...)
		cmd.Env = env
		cmd.Stdout, cmd.Stderr = outF, errF
		if err := cmd.Start(); err != nil {
			return "", err
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		var err error
		select {
		case err = <-done:
		case <-time.After(15 * time.Second):
			cmd.Process.Kill()
			<-done
			t.Fatalf("%s %v did not finish in 15 s", name, args)
		}
		out, _ := os.ReadFile(outF.Name())
		if err != nil {
			errb, _ := os.ReadFile(errF.Name())
			return string(out), fmt.Errorf("%s %v: %v: %s%s", name, args, err, out, errb)
		}
		return strings.TrimSpace(string(out)), nil
	}
	mustIn := func(name string, args ...string) string {
		t.Helper()
		out, err := runIn(name, args...)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}

	// Whatever happens, no app launched for this test survives it.
	t.Cleanup(func() {
		for _, pid := range launched(appExe) {
			if p, err := os.FindProcess(pid); err == nil {
				p.Kill()
			}
		}
	})

	out := mustIn(appExe, "install")
	if want := "Double-clicking a .cmoproj file now opens it in cmocoder (" + appExe + ")."; out != want {
		t.Errorf("install printed %q, want %q", out, want)
	}
	files := []string{
		filepath.Join(data, "applications", "org.cmocoder.app.desktop"),
		filepath.Join(data, "mime", "packages", "cmocoder.xml"),
		filepath.Join(data, "icons", "hicolor", "256x256", "apps", "org.cmocoder.app.png"),
		filepath.Join(config, "mimeapps.list"),
	}
	for _, f := range files {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("install did not write %s", f)
		}
	}
	if _, err := os.Stat(filepath.Join(data, "mime", "mime.cache")); err != nil {
		t.Error("update-mime-database did not run: no mime.cache")
	}
	if b, _ := os.ReadFile(filepath.Join(data, "applications", "mimeinfo.cache")); !strings.Contains(string(b), "application/x-cmoproj=org.cmocoder.app.desktop") {
		t.Errorf("update-desktop-database did not run: mimeinfo.cache is %q", b)
	}

	// The type of a real project, of any file named *.cmoproj, of a project
	// that lost its extension (the magic: SQLite with application_id CMOC),
	// and not of another program's SQLite database.
	reviews := filepath.Join(dir, "My Reviews")
	os.MkdirAll(reviews, 0o755)
	project := filepath.Join(reviews, "Demo review.cmoproj")
	mustRun(t, "demo", project)
	projectBytes, err := os.ReadFile(project)
	if err != nil {
		t.Fatal(err)
	}
	renamed := filepath.Join(reviews, "demo-copy")
	notes := filepath.Join(reviews, "notes.cmoproj")
	other := filepath.Join(reviews, "other-database")
	os.WriteFile(renamed, projectBytes, 0o644)
	os.WriteFile(notes, []byte("not really a project\n"), 0o644)
	makeOtherSQLite(t, other)
	for _, tc := range []struct{ path, want string }{
		{project, "application/x-cmoproj"},
		{notes, "application/x-cmoproj"},
		{renamed, "application/x-cmoproj"},
		{other, "application/vnd.sqlite3"},
	} {
		if got := mustIn("xdg-mime", "query", "filetype", tc.path); got != tc.want {
			t.Errorf("xdg-mime query filetype %s: %q, want %q", filepath.Base(tc.path), got, tc.want)
		}
		got := mustIn("gio", "info", "-a", "standard::content-type", tc.path)
		if !strings.Contains(got, "standard::content-type: "+tc.want+"\n") && !strings.HasSuffix(got, "standard::content-type: "+tc.want) {
			t.Errorf("gio info %s: %q, want %s", filepath.Base(tc.path), got, tc.want)
		}
	}
	if got := mustIn("xdg-mime", "query", "default", "application/x-cmoproj"); got != "org.cmocoder.app.desktop" {
		t.Errorf("xdg-mime query default: %q, want org.cmocoder.app.desktop", got)
	}

	// The double click: open the project as the file manager does. gio
	// starts the default application of the file's type and returns.
	mustIn("gio", "open", project)
	xdo := func(args ...string) string {
		out, _ := runIn("xdotool", args...)
		return strings.TrimSpace(out)
	}
	var win string
	for deadline := time.Now().Add(20 * time.Second); win == "" && time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		if f := strings.Fields(xdo("search", "--name", "Demo: quality improvement")); len(f) > 0 {
			win = f[0]
		}
	}
	if win == "" {
		t.Fatalf("no window on the project 20 s after gio open; cmocoder processes: %v", launched(appExe))
	}
	if name := xdo("getwindowname", win); !strings.HasSuffix(name, "— cmocoder") {
		t.Errorf("window title %q", name)
	}
	// Its class is the desktop entry's StartupWMClass, so the desktop
	// shows it with cmocoder's icon.
	if byClass := strings.Fields(xdo("search", "--classname", "^cmocoder$")); !slices.Contains(byClass, win) {
		t.Errorf("the window's WM_CLASS is not cmocoder (windows of that class: %v)", byClass)
	}
	pid, err := strconv.Atoi(xdo("getwindowpid", win))
	if err != nil {
		t.Fatalf("xdotool getwindowpid %s: %v", win, err)
	}
	// The window is this cmocoder's, started on exactly the project's path.
	if exe, _ := os.Readlink("/proc/" + strconv.Itoa(pid) + "/exe"); exe != appExe {
		t.Errorf("the window belongs to %q, want %q", exe, appExe)
	}
	if cmdline, _ := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/cmdline"); string(cmdline) != appExe+"\x00"+project+"\x00" {
		t.Errorf("the app was started as %q", strings.Split(string(cmdline), "\x00"))
	}
	time.Sleep(3 * time.Second) // let it draw the page
	shotDir := filepath.Join("build", "screenshots")
	os.MkdirAll(shotDir, 0o755)
	shot := filepath.Join(shotDir, "double-click.png")
	imp := exec.Command("import", "-window", "root", shot)
	imp.Env = env
	if out, err := imp.CombinedOutput(); err != nil {
		t.Fatalf("screenshot: %v %s", err, out)
	}
	abs, _ := filepath.Abs(shot)
	t.Logf("screenshot: %s", abs)
	checkDrawn(t, shot)
	findPage(t, shot) // the project's article is shown

	// Close the app: kill the window's process, then check nothing of ours
	// is left running.
	if p, err := os.FindProcess(pid); err == nil {
		p.Kill()
	}
	for deadline := time.Now().Add(10 * time.Second); len(launched(appExe)) > 0 && time.Now().Before(deadline); {
		time.Sleep(100 * time.Millisecond)
	}
	if left := launched(appExe); len(left) > 0 {
		t.Errorf("still running after the kill: %v", left)
	}

	// uninstall removes the files and the default.
	if out := mustIn(appExe, "uninstall"); out != ".cmoproj files are no longer opened in cmocoder by a double click." {
		t.Errorf("uninstall printed %q", out)
	}
	for _, f := range files {
		if _, err := os.Stat(f); err == nil {
			t.Errorf("uninstall left %s", f)
		}
	}
	if got, _ := runIn("xdg-mime", "query", "default", "application/x-cmoproj"); got != "" {
		t.Errorf("after uninstall, xdg-mime query default: %q", got)
	}
	if got, _ := runIn("xdg-mime", "query", "filetype", notes); got == "application/x-cmoproj" {
		t.Errorf("after uninstall, notes.cmoproj is still %s", got)
	}
	if b, _ := os.ReadFile(filepath.Join(data, "applications", "mimeinfo.cache")); strings.Contains(string(b), "cmocoder") {
		t.Errorf("after uninstall, mimeinfo.cache still names cmocoder:\n%s", b)
	}
}

// launched lists the live processes running the program at exe (zombies,
// which only wait to be reaped, excluded).
func launched(exe string) []int {
	var pids []int
	ents, _ := os.ReadDir("/proc")
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if link, _ := os.Readlink("/proc/" + e.Name() + "/exe"); link != exe {
			continue
		}
		if stat, _ := os.ReadFile("/proc/" + e.Name() + "/stat"); len(stat) > 0 {
			if i := bytes.LastIndexByte(stat, ')'); i > 0 && i+2 < len(stat) && stat[i+2] == 'Z' {
				continue
			}
		}
		pids = append(pids, pid)
	}
	return pids
}
