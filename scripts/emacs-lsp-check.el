;;; emacs-lsp-check.el --- run by scripts/test-emacs.mjs inside `emacs --batch'  -*- lexical-binding: t -*-
;; The README's Emacs config (already loaded) attaches `kaizen lsp' through eglot to a copy of the sample
;; journal; this drives eglot's own commands as a person's keys would.  Batch Emacs has no command loop, so
;; where a command's end matters (eglot connects then) this runs `post-command-hook' itself, and where eglot
;; asks a question (y/n, which code action) the answer is recorded and given as a person would give it.
(require 'cl-lib)
(require 'subr-x)
(require 'eglot)
(require 'flymake)

(defvar kaizen-root (file-name-as-directory (getenv "KAIZEN_JOURNAL")))
(defvar kaizen-report nil)
(defvar kaizen-questions nil "What eglot asked the person, newest first.")

(defun kaizen-say (line) (push line kaizen-report))
(defun kaizen-fail (message)
  (princ (format "FAIL: %s\n%s\n" message (string-join (reverse kaizen-report) "\n")) #'external-debugging-output)
  (kill-emacs 1))
(defun kaizen-check (ok what)
  (unless ok (kaizen-fail what))
  (kaizen-say (concat "ok: " what)))
(defun kaizen-wait (predicate &optional seconds)
  "Let eglot read its servers until PREDICATE holds or SECONDS pass; PREDICATE's value."
  (let ((deadline (+ (float-time) (or seconds 30))))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (funcall predicate)))
(advice-add 'y-or-n-p :override (lambda (prompt) (push prompt kaizen-questions) t))

(defun kaizen-visit (rel)
  "Visit REL as C-x C-f does, and wait until eglot manages the buffer."
  (find-file (expand-file-name rel kaizen-root))
  (run-hooks 'post-command-hook)
  (unless (kaizen-wait (lambda () (bound-and-true-p eglot--managed-mode)) 60)
    (kaizen-fail (format "eglot did not attach to %s" rel)))
  (current-buffer))
(defun kaizen-goto-line-text (text)
  (goto-char (point-min))
  (unless (search-forward text nil t) (kaizen-fail (format "no %S in %s" text buffer-file-name)))
  (goto-char (match-beginning 0)))
(defun kaizen-servers ()
  (cl-remove-duplicates (apply #'append (hash-table-values eglot--servers-by-project))))
(defun kaizen-file (rel)
  (with-temp-buffer (insert-file-contents (expand-file-name rel kaizen-root)) (buffer-string)))

(defun kaizen-check-features ()
  ;; 1. Diagnostics, through Flymake, for a note with an unknown goal link.
  (kaizen-visit "logs/2026/2026-11-14.md")
  (flymake-start nil t)
  (kaizen-check (kaizen-wait (lambda () (cl-some (lambda (d) (string-match-p "guitar-practice" (flymake-diagnostic-text d)))
                                                  (flymake-diagnostics))))
                "Flymake shows the unknown-goal diagnostic")
  ;; 2. M-x completion-at-point after `[[mor' completes the link and leaves point after `]]'.
  (goto-char (point-max))
  (insert "- [ ] [[mor")
  (completion-at-point)
  (kaizen-check (looking-back (regexp-quote "- [ ] [[morning-energy]]") (line-beginning-position))
                (format "completion after [[ completes the link, point after ]]: %S"
                        (buffer-substring-no-properties (line-beginning-position) (line-end-position))))
  (set-buffer-modified-p nil)
  (revert-buffer t t)
  ;; 3. Hover on a link (what eldoc shows).
  (kaizen-visit "logs/2026/2026-11-22.md")
  (kaizen-goto-line-text "[[morning-energy]] minimum")
  (forward-char 4)
  (let ((hover nil))
    (eglot-hover-eldoc-function (lambda (info &rest _) (setq hover info)))
    (kaizen-check (and (kaizen-wait (lambda () hover)) (string-match-p "Rebuild my morning energy" hover))
                  "hover shows the goal"))
  ;; 4. Go to the goal (M-.).
  (let ((from (current-buffer)))
    (call-interactively #'xref-find-definitions)
    (kaizen-check (string-suffix-p "goals/morning-energy.md" (or buffer-file-name "")) "M-. on a link opens the goal file")
    (switch-to-buffer from))
  ;; 5. A code action logs the day (C-c a / M-x eglot-code-actions, the person picks it by name).
  (kaizen-goto-line-text "[[morning-energy]] minimum")
  (let ((last-nonmenu-event ?\r)
        (offered nil))
    (cl-letf (((symbol-function 'completing-read)
               (lambda (_prompt items &rest _)
                 (setq offered (mapcar #'car items))
                 (or (cl-find-if (lambda (title) (string-match-p "check this task" title)) offered) (car offered)))))
      (call-interactively #'eglot-code-actions))
    (kaizen-check (member "Kaizen: check this task" offered) (format "the code actions offered: %S" offered)))
  (kaizen-check (kaizen-wait (lambda () (save-excursion (goto-char (point-min))
                                                        (search-forward "- [x] [[morning-energy]] minimum" nil t))))
                "the code action checked the day's habit line in the buffer")
  (save-buffer)
  (kaizen-check (string-match-p (regexp-quote "- [x] [[morning-energy]] minimum") (kaizen-file "logs/2026/2026-11-22.md"))
                "C-x C-s put the logged day on disk"))

(defun kaizen-check-one-server ()
  ;; The README's project function: a goal file and notes in two folders share one server.
  (kaizen-visit "goals/read-daily.md")
  (kaizen-check (= 1 (length (kaizen-servers)))
                (format "one kaizen lsp for the journal's three folders (%d)" (length (kaizen-servers)))))

(defun kaizen-check-rename ()
  ;; M-x eglot-rename on a link: the links change in buffers, the server moves the goal file; C-x s saves.
  (kaizen-visit "logs/2026/2026-11-20.md")
  (kaizen-goto-line-text "[[read-daily]]")
  (forward-char 4)
  (setq kaizen-questions nil)
  (eglot-rename "reading")
  (kaizen-check (and (file-exists-p (expand-file-name "goals/reading.md" kaizen-root))
                     (not (file-exists-p (expand-file-name "goals/read-daily.md" kaizen-root))))
                "eglot-rename: goals/read-daily.md is now goals/reading.md")
  (kaizen-say (format "  eglot asked: %S" (mapcar (lambda (q) (car (split-string q "\n"))) kaizen-questions)))
  (save-some-buffers t)
  (kaizen-check (not (cl-some #'buffer-modified-p (cl-remove-if-not #'buffer-file-name (buffer-list))))
                "C-x s saved every note the rename changed"))

(defun kaizen-check-two-servers ()
  ;; Without the project function (a journal outside git, an old config) Emacs starts one server per folder.
  ;; The goals folder's server logs a day into a note the logs folder's server holds open: the log must land
  ;; in that buffer (no "changed on disk"), and saving it keeps both the log and what the person typed.
  (remove-hook 'project-find-functions #'kaizen-journal-project)
  (dolist (server (kaizen-servers)) (eglot-shutdown server))
  (dolist (buffer (buffer-list)) (when (buffer-file-name buffer) (kill-buffer buffer)))
  (let* ((log (kaizen-visit "logs/2026/2026-11-22.md")))
    (goto-char (point-max))
    (insert "Walked in the rain.\n")
    (save-buffer)
    (kaizen-visit "goals/strength-training.md")
    (kaizen-check (= 2 (length (kaizen-servers))) "without the project function: two servers, one per folder")
    (with-current-buffer log (kaizen-goto-line-text "[[read-daily]] minimum")
      (beginning-of-line)
      (kaizen-check (looking-at (regexp-quote "- [ ] [[read-daily]] minimum")) "read-daily's minimum is not logged yet"))
    ;; What the goal file's code lens runs: log today's minimum from the goals folder's server.
    (eglot-execute-command (eglot-current-server) 'kaizen.logHabit ["read-daily" "minimum"])
    (with-current-buffer log
      (kaizen-check (verify-visited-file-modtime log) "the note was not written on disk under its buffer")
      (kaizen-check (save-excursion (goto-char (point-min)) (search-forward "- [x] [[read-daily]] minimum" nil t))
                    "the log landed in the buffer the other server holds")
      (save-buffer))
    (let ((disk (kaizen-file "logs/2026/2026-11-22.md")))
      (kaizen-check (and (string-match-p (regexp-quote "- [x] [[read-daily]] minimum") disk)
                         (string-match-p "Walked in the rain\\." disk))
                    "after C-x C-s: the log and the person's line are both on disk")))
  (add-hook 'project-find-functions #'kaizen-journal-project)
  (dolist (server (kaizen-servers)) (eglot-shutdown server))
  (dolist (buffer (buffer-list)) (when (buffer-file-name buffer) (kill-buffer buffer))))

(condition-case err
    (progn
      (kaizen-check-features)
      (kaizen-check-one-server)
      (kaizen-check-two-servers)
      (kaizen-check-rename)
      (with-temp-file (expand-file-name "emacs-report.txt" kaizen-root)
        (insert (string-join (reverse kaizen-report) "\n") "\n"))
      (dolist (server (kaizen-servers)) (ignore-errors (eglot-shutdown server)))
      (kill-emacs 0))
  (error (kaizen-fail (format "%S" err))))
