<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
    <context>
        <name>About</name>
        <message>
            <source>%1: %2</source>
            <translation>%1: %2</translation>
        </message>
        <message>
            <source>About</source>
            <translation>Über</translation>
        </message>
        <message>
            <source>Could not open %1: the desktop refused.</source>
            <translation>%1 konnte nicht geöffnet werden: Die Arbeitsumgebung hat es abgelehnt.</translation>
        </message>
        <message>
            <source>Folders cannot be opened here: xdg-open is not installed (package xdg-utils). The paths above can be selected and copied.</source>
            <translation>Ordner lassen sich hier nicht öffnen: xdg-open ist nicht installiert (Paket xdg-utils). Die Pfade oben können markiert und kopiert werden.</translation>
        </message>
        <message>
            <source>Free software under the GNU General Public License, version 3 or later (%1).</source>
            <translation>Freie Software unter der GNU General Public License, Version 3 oder später (%1).</translation>
        </message>
        <message>
            <source>History</source>
            <translation>Verlauf</translation>
        </message>
        <message>
            <source>Log</source>
            <translation>Protokoll</translation>
        </message>
        <message>
            <source>Micro-breaks for your upper back.</source>
            <translation>Kurze Pausen für den oberen Rücken.</translation>
        </message>
        <message>
            <source>Micro-breaks that get your upper back moving.</source>
            <translation>Kurze Pausen, die den oberen Rücken in Bewegung bringen.</translation>
        </message>
        <message>
            <source>Open %1</source>
            <translation>%1 öffnen</translation>
        </message>
        <message>
            <source>Open folder</source>
            <translation>Ordner öffnen</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>Einstellungen</translation>
        </message>
        <message>
            <source>Version %1</source>
            <translation>Version %1</translation>
        </message>
        <message>
            <source>What Desk Break watches here</source>
            <translation>Was Desk Break hier beobachtet</translation>
        </message>
        <message>
            <source>Your files</source>
            <translation>Ihre Dateien</translation>
        </message>
    </context>
    <context>
        <name>App</name>
        <message>
            <source>A %1-minute break to move your back.</source>
            <translation>Eine %1-minütige Pause, um den Rücken zu bewegen.</translation>
        </message>
        <message>
            <source>A %1-second break to move your back.</source>
            <translation>Eine %1-sekündige Pause, um den Rücken zu bewegen.</translation>
        </message>
        <message>
            <source>Desk Break could not save this break to its history</source>
            <translation>Desk Break konnte diese Pause nicht im Verlauf speichern</translation>
        </message>
        <message>
            <source>Desk Break could not save your settings</source>
            <translation>Desk Break konnte Ihre Einstellungen nicht speichern</translation>
        </message>
        <message numerus="yes">
            <source>Desk Break found %n problem(s)</source>
            <translation>
                <numerusform>Desk Break hat %n Problem gefunden</numerusform>
                <numerusform>Desk Break hat %n Probleme gefunden</numerusform>
            </translation>
        </message>
        <message>
            <source>Desk Break is quitting.</source>
            <translation>Desk Break wird beendet.</translation>
        </message>
        <message>
            <source>Desk Break saved your settings</source>
            <translation>Desk Break hat Ihre Einstellungen gespeichert</translation>
        </message>
        <message>
            <source>Desk Break: do not disturb</source>
            <translation>Desk Break: Nicht stören</translation>
        </message>
        <message>
            <source>Desk Break: your edit was not applied</source>
            <translation>Desk Break: Ihre Änderung wurde nicht übernommen</translation>
        </message>
        <message>
            <source>More in the log: %1</source>
            <translation>Mehr im Protokoll: %1</translation>
        </message>
        <message>
            <source>Opened Preferences in the running Desk Break.</source>
            <translation>Die Einstellungen des laufenden Desk Break wurden geöffnet.</translation>
        </message>
        <message>
            <source>See them all: desk-break settings check</source>
            <translation>Alle anzeigen: desk-break settings check</translation>
        </message>
        <message>
            <source>Snooze %1 min</source>
            <translation>%1 Min. später</translation>
        </message>
        <message>
            <source>Start now</source>
            <translation>Jetzt starten</translation>
        </message>
        <message>
            <source>Your old file was kept as %1.</source>
            <translation>Ihre alte Datei wurde als %1 aufbewahrt.</translation>
        </message>
        <message>
            <source>Your settings were not saved: %1</source>
            <translation>Ihre Einstellungen wurden nicht gespeichert: %1</translation>
        </message>
        <message numerus="yes">
            <source>… and %n more</source>
            <translation>
                <numerusform>… und %n weiteres</numerusform>
                <numerusform>… und %n weitere</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Break</name>
        <message>
            <source>%1  ·  DONE</source>
            <translation>%1  ·  FERTIG</translation>
        </message>
        <message>
            <source>%1 seconds left in this step</source>
            <translation>Noch %1 Sekunden in diesem Schritt</translation>
        </message>
        <message>
            <source>%1, step %2 of %3: %4</source>
            <translation>%1, Schritt %2 von %3: %4</translation>
        </message>
        <message numerus="yes">
            <source>%n minute(s) of breaks today</source>
            <translation>
                <numerusform>Heute %n Minute Pause</numerusform>
                <numerusform>Heute %n Minuten Pause</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n more</source>
            <translation>
                <numerusform>%n weitere</numerusform>
                <numerusform>%n weitere</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n second(s) left in this break</source>
            <translation>
                <numerusform>Noch %n Sekunde in dieser Pause</numerusform>
                <numerusform>Noch %n Sekunden in dieser Pause</numerusform>
            </translation>
        </message>
        <message>
            <source>, </source>
            <comment>between move names</comment>
            <translation>, </translation>
        </message>
        <message>
            <source>Almost done</source>
            <translation>Fast geschafft</translation>
        </message>
        <message>
            <source>Back to it whenever you're ready.</source>
            <translation>Weiter geht's, wann immer Sie so weit sind.</translation>
        </message>
        <message>
            <source>Break</source>
            <translation>Pause</translation>
        </message>
        <message>
            <source>Break complete</source>
            <translation>Pause beendet</translation>
        </message>
        <message>
            <source>Break progress</source>
            <translation>Fortschritt der Pause</translation>
        </message>
        <message>
            <source>Breathe and relax</source>
            <translation>Durchatmen und entspannen</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Schließen</translation>
        </message>
        <message>
            <source>Close this window now</source>
            <translation>Dieses Fenster jetzt schließen</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Fertig</translation>
        </message>
        <message>
            <source>Done: I did the moves</source>
            <translation>Fertig: Ich habe die Übungen gemacht</translation>
        </message>
        <message>
            <source>How this closes</source>
            <translation>Wie sich dieses Fenster schließt</translation>
        </message>
        <message>
            <source>I did the moves (Enter)</source>
            <translation>Ich habe die Übungen gemacht (Enter)</translation>
        </message>
        <message>
            <source>LONG BREAK</source>
            <translation>LANGE PAUSE</translation>
        </message>
        <message>
            <source>Last one</source>
            <translation>Das war's</translation>
        </message>
        <message>
            <source>Long break</source>
            <translation>Lange Pause</translation>
        </message>
        <message>
            <source>MICRO-BREAK</source>
            <translation>KURZPAUSE</translation>
        </message>
        <message>
            <source>MOVE %1 OF %2</source>
            <translation>ÜBUNG %1 VON %2</translation>
        </message>
        <message>
            <source>Micro-break</source>
            <translation>Kurzpause</translation>
        </message>
        <message>
            <source>Move</source>
            <translation>Übung</translation>
        </message>
        <message>
            <source>Next: %1</source>
            <translation>Als Nächstes: %1</translation>
        </message>
        <message>
            <source>Nice work</source>
            <translation>Gut gemacht</translation>
        </message>
        <message>
            <source>Pose for this step</source>
            <translation>Haltung für diesen Schritt</translation>
        </message>
        <message>
            <source>REP %1 OF %2</source>
            <translation>WDH. %1 VON %2</translation>
        </message>
        <message numerus="yes">
            <source>Remind me in %n minute(s) (S)</source>
            <translation>
                <numerusform>In %n Minute erinnern (S)</numerusform>
                <numerusform>In %n Minuten erinnern (S)</numerusform>
            </translation>
        </message>
        <message>
            <source>Seconds left in this step</source>
            <translation>Verbleibende Sekunden in diesem Schritt</translation>
        </message>
        <message>
            <source>Skip</source>
            <translation>Auslassen</translation>
        </message>
        <message>
            <source>Skip this break</source>
            <translation>Diese Pause auslassen</translation>
        </message>
        <message>
            <source>Skip this break (Esc)</source>
            <translation>Diese Pause auslassen (Esc)</translation>
        </message>
        <message>
            <source>Snooze %1 min</source>
            <translation>%1 Min. später</translation>
        </message>
        <message numerus="yes">
            <source>Snooze for %n minute(s)</source>
            <translation>
                <numerusform>Um %n Minute verschieben</numerusform>
                <numerusform>Um %n Minuten verschieben</numerusform>
            </translation>
        </message>
        <message>
            <source>Summary of this break</source>
            <translation>Zusammenfassung dieser Pause</translation>
        </message>
        <message>
            <source>This closes by itself in a moment.</source>
            <translation>Dieses Fenster schließt sich gleich von selbst.</translation>
        </message>
        <message>
            <source>What comes next</source>
            <translation>Was als Nächstes kommt</translation>
        </message>
        <message>
            <source>What to do now</source>
            <translation>Was jetzt zu tun ist</translation>
        </message>
        <message>
            <source>Why snooze is not available</source>
            <translation>Warum Verschieben nicht möglich ist</translation>
        </message>
        <message>
            <source>You moved: %1</source>
            <translation>Sie haben sich bewegt: %1</translation>
        </message>
        <message>
            <source>You took a breather</source>
            <translation>Sie haben kurz verschnauft</translation>
        </message>
        <message>
            <source>sec</source>
            <translation>Sek.</translation>
        </message>
    </context>
    <context>
        <name>CLI</name>
        <message>
            <source>%1 (absent: defaults)</source>
            <translation>%1 (nicht vorhanden: Standardwerte)</translation>
        </message>
        <message>
            <source>%1 did not answer within 20 s</source>
            <translation>%1 hat nicht innerhalb von 20 s geantwortet</translation>
        </message>
        <message>
            <source>%1 stopped while starting (exit %2)</source>
            <translation>%1 hat sich beim Start beendet (Status %2)</translation>
        </message>
        <message>
            <source>%1, %2</source>
            <translation>%1, %2</translation>
        </message>
        <message numerus="yes">
            <source>%n locked</source>
            <translation>
                <numerusform>%n gesperrt</numerusform>
                <numerusform>%n gesperrt</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n set</source>
            <comment>settings keys</comment>
            <translation>
                <numerusform>%n gesetzt</numerusform>
                <numerusform>%n gesetzt</numerusform>
            </translation>
        </message>
        <message>
            <source>Desk Break did not answer: %1</source>
            <translation>Desk Break hat nicht geantwortet: %1</translation>
        </message>
        <message>
            <source>Desk Break is not running. Start it with: desk-break</source>
            <translation>Desk Break läuft nicht. Starten mit: desk-break</translation>
        </message>
        <message>
            <source>Desk Break is running: %1</source>
            <translation>Desk Break läuft: %1</translation>
        </message>
        <message>
            <source>Organisation's defaults are valid: %1 (%2)</source>
            <translation>Die Vorgaben Ihrer Organisation sind gültig: %1 (%2)</translation>
        </message>
        <message>
            <source>Settings are valid: %1</source>
            <translation>Die Einstellungen sind gültig: %1</translation>
        </message>
        <message>
            <source>The log is %1</source>
            <translation>Das Protokoll ist %1</translation>
        </message>
        <message>
            <source>The statistics window</source>
            <translation>Das Statistikfenster</translation>
        </message>
        <message>
            <source>the running Desk Break refused</source>
            <translation>das laufende Desk Break hat abgelehnt</translation>
        </message>
    </context>
    <context>
        <name>Clock</name>
        <message>
            <source>%H:%M</source>
            <comment>time of day, strftime codes</comment>
            <translation>%H:%M</translation>
        </message>
        <message>
            <source>%H:%M:%S</source>
            <comment>time of day with seconds, strftime codes</comment>
            <translation>%H:%M:%S</translation>
        </message>
    </context>
    <context>
        <name>Engine</name>
        <message>
            <source>A break is already running</source>
            <translation>Es läuft bereits eine Pause</translation>
        </message>
        <message>
            <source>Breaks are paused</source>
            <translation>Pausen sind angehalten</translation>
        </message>
        <message>
            <source>No break is coming up in these work hours</source>
            <translation>In diesen Arbeitszeiten steht keine Pause mehr an</translation>
        </message>
        <message>
            <source>No break is running</source>
            <translation>Es läuft keine Pause</translation>
        </message>
        <message>
            <source>No more snoozes for this break (%1 of %2 used)</source>
            <translation>Diese Pause lässt sich nicht weiter verschieben (%1 von %2 genutzt)</translation>
        </message>
        <message>
            <source>Not paused</source>
            <translation>Nicht angehalten</translation>
        </message>
        <message>
            <source>Nothing is being held</source>
            <translation>Es wird nichts zurückgehalten</translation>
        </message>
        <message>
            <source>Snoozing is turned off in the settings</source>
            <translation>Verschieben ist in den Einstellungen ausgeschaltet</translation>
        </message>
        <message>
            <source>Snoozing only works during work hours</source>
            <translation>Verschieben geht nur während der Arbeitszeit</translation>
        </message>
        <message>
            <source>That break has already ended</source>
            <translation>Diese Pause ist schon vorbei</translation>
        </message>
        <message>
            <source>That time has already passed</source>
            <translation>Dieser Zeitpunkt ist schon vorbei</translation>
        </message>
        <message>
            <source>There are no work hours to pause until</source>
            <translation>Es gibt keine Arbeitszeit, bis zu der angehalten werden könnte</translation>
        </message>
        <message>
            <source>Work hours end before a snoozed break would come; skip it instead</source>
            <translation>Die Arbeitszeit endet, bevor eine verschobene Pause käme; lassen Sie sie stattdessen aus</translation>
        </message>
    </context>
    <context>
        <name>Files</name>
        <message>
            <source>cannot be opened (%1)</source>
            <translation>lässt sich nicht öffnen (%1)</translation>
        </message>
        <message>
            <source>cannot be read (%1)</source>
            <translation>lässt sich nicht lesen (%1)</translation>
        </message>
        <message>
            <source>cannot be read: it %1</source>
            <translation>kann nicht gelesen werden: sie %1</translation>
        </message>
        <message>
            <source>is a block device, not a regular file</source>
            <translation>ist ein Blockgerät, keine reguläre Datei</translation>
        </message>
        <message>
            <source>is a character device, not a regular file</source>
            <translation>ist ein zeichenorientiertes Gerät, keine reguläre Datei</translation>
        </message>
        <message>
            <source>is a folder, not a regular file</source>
            <translation>ist ein Ordner, keine reguläre Datei</translation>
        </message>
        <message>
            <source>is a named pipe (FIFO), not a regular file</source>
            <translation>ist eine benannte Pipe (FIFO), keine reguläre Datei</translation>
        </message>
        <message>
            <source>is a socket, not a regular file</source>
            <translation>ist ein Socket, keine reguläre Datei</translation>
        </message>
        <message>
            <source>is larger than %1%2, too big for this file</source>
            <translation>ist größer als %1%2, zu groß für diese Datei</translation>
        </message>
        <message>
            <source>is not UTF-8 text (byte %1)</source>
            <translation>ist kein UTF-8-Text (Byte %1)</translation>
        </message>
        <message>
            <source>is not a regular file</source>
            <translation>ist keine reguläre Datei</translation>
        </message>
    </context>
    <context>
        <name>FirstRun</name>
        <message>
            <source>Before your first break</source>
            <translation>Vor Ihrer ersten Pause</translation>
        </message>
        <message>
            <source>Heading</source>
            <translation>Überschrift</translation>
        </message>
        <message>
            <source>Not medical advice</source>
            <translation>Keine medizinische Beratung</translation>
        </message>
        <message>
            <source>OK, understood</source>
            <translation>OK, verstanden</translation>
        </message>
        <message>
            <source>The moves in Desk Break are general guidance for people who sit at a desk, not medical advice. Move slowly and stay within a range that feels comfortable. Stop any move that hurts. If you have pain, an injury or a health condition, ask a doctor or physiotherapist which moves suit you.</source>
            <translation>Die Übungen in Desk Break sind allgemeine Anregungen für Menschen, die am Schreibtisch sitzen, keine medizinische Beratung. Bewegen Sie sich langsam und bleiben Sie in einem Bereich, der sich angenehm anfühlt. Brechen Sie jede Übung ab, die schmerzt. Wenn Sie Schmerzen, eine Verletzung oder eine Erkrankung haben, fragen Sie eine Ärztin, einen Arzt oder eine Physiotherapeutin, welche Übungen zu Ihnen passen.</translation>
        </message>
    </context>
    <context>
        <name>History</name>
        <message numerus="yes">
            <source>... and %n more</source>
            <translation>
                <numerusform>... und %n weiteres</numerusform>
                <numerusform>... und %n weitere</numerusform>
            </translation>
        </message>
        <message>
            <source>Could not read %1: %2</source>
            <translation>%1 ließ sich nicht lesen: %2</translation>
        </message>
        <message>
            <source>Could not read the history: %1</source>
            <translation>Der Verlauf ließ sich nicht lesen: %1</translation>
        </message>
        <message>
            <source>Could not write %1: %2</source>
            <translation>%1 ließ sich nicht schreiben: %2</translation>
        </message>
        <message numerus="yes">
            <source>Imported %n new event(s) of %1 from %2.</source>
            <translation>
                <numerusform>%n neues Ereignis von %1 aus %2 importiert.</numerusform>
                <numerusform>%n neue Ereignisse von %1 aus %2 importiert.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Nothing imported: %n bad row(s).</source>
            <translation>
                <numerusform>Nichts importiert: %n fehlerhafte Zeile.</numerusform>
                <numerusform>Nichts importiert: %n fehlerhafte Zeilen.</numerusform>
            </translation>
        </message>
        <message>
            <source>Nothing imported: could not write %1: %2</source>
            <translation>Nichts importiert: %1 ließ sich nicht schreiben: %2</translation>
        </message>
        <message numerus="yes">
            <source>Streak: %n day(s) in a row met the goal (best %1).</source>
            <translation>
                <numerusform>Serie: %n Tag in Folge am Ziel (beste %1).</numerusform>
                <numerusform>Serie: %n Tage in Folge am Ziel (beste %1).</numerusform>
            </translation>
        </message>
        <message>
            <source>away</source>
            <translation>weg</translation>
        </message>
        <message>
            <source>day</source>
            <translation>Tag</translation>
        </message>
        <message>
            <source>done</source>
            <translation>gemacht</translation>
        </message>
        <message>
            <source>due</source>
            <translation>fällig</translation>
        </message>
        <message>
            <source>goal</source>
            <translation>Ziel</translation>
        </message>
        <message>
            <source>met</source>
            <comment>the day met the goal</comment>
            <translation>erreicht</translation>
        </message>
        <message>
            <source>minutes</source>
            <translation>Minuten</translation>
        </message>
        <message>
            <source>missed</source>
            <translation>verpasst</translation>
        </message>
        <message>
            <source>skipped</source>
            <translation>ausgelassen</translation>
        </message>
        <message>
            <source>snoozed</source>
            <translation>verschoben</translation>
        </message>
        <message>
            <source>standard input</source>
            <translation>Standardeingabe</translation>
        </message>
        <message>
            <source>total</source>
            <translation>gesamt</translation>
        </message>
    </context>
    <context>
        <name>HistoryPage</name>
        <message>
            <source>Every break is kept on this computer only, for your statistics.</source>
            <translation>Jede Pause wird nur auf diesem Computer gespeichert, für Ihre Statistik.</translation>
        </message>
        <message>
            <source>Forget every break Desk Break has recorded?</source>
            <translation>Alle Pausen vergessen, die Desk Break aufgezeichnet hat?</translation>
        </message>
        <message>
            <source>Forget history</source>
            <translation>Verlauf vergessen</translation>
        </message>
        <message>
            <source>Forget history?</source>
            <translation>Verlauf vergessen?</translation>
        </message>
        <message>
            <source>Forget history…</source>
            <translation>Verlauf vergessen …</translation>
        </message>
        <message>
            <source>History forgotten.</source>
            <translation>Verlauf vergessen.</translation>
        </message>
        <message>
            <source>Your statistics and streaks start again from nothing. This cannot be undone.</source>
            <translation>Ihre Statistik und Serien beginnen wieder bei null. Das lässt sich nicht rückgängig machen.</translation>
        </message>
    </context>
    <context>
        <name>Keys</name>
        <message>
            <source>Enter</source>
            <translation>Enter</translation>
        </message>
        <message>
            <source>Esc</source>
            <translation>Esc</translation>
        </message>
        <message>
            <source>S</source>
            <translation>S</translation>
        </message>
    </context>
    <context>
        <name>Menu</name>
        <message>
            <source>A break is already running</source>
            <translation>Es läuft bereits eine Pause</translation>
        </message>
        <message>
            <source>About Desk Break</source>
            <translation>Über Desk Break</translation>
        </message>
        <message>
            <source>No break is coming up</source>
            <translation>Es steht keine Pause an</translation>
        </message>
        <message>
            <source>Not paused</source>
            <translation>Nicht angehalten</translation>
        </message>
        <message>
            <source>Pause</source>
            <translation>Anhalten</translation>
        </message>
        <message>
            <source>Paused</source>
            <translation>Angehalten</translation>
        </message>
        <message>
            <source>Preferences…</source>
            <translation>Einstellungen …</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>Beenden</translation>
        </message>
        <message>
            <source>Resume</source>
            <translation>Fortsetzen</translation>
        </message>
        <message>
            <source>Snooze next break</source>
            <translation>Nächste Pause verschieben</translation>
        </message>
        <message>
            <source>Statistics…</source>
            <translation>Statistik …</translation>
        </message>
        <message>
            <source>Take a break now</source>
            <translation>Jetzt eine Pause machen</translation>
        </message>
    </context>
    <context>
        <name>Moves</name>
        <message>
            <source>%1 of %2</source>
            <translation>%1 von %2</translation>
        </message>
        <message>
            <source>%1 on, %2 of them for short breaks.</source>
            <translation>%1 eingeschaltet, davon %2 für kurze Pausen.</translation>
        </message>
        <message>
            <source>%1 · %2 s</source>
            <translation>%1 · %2 s</translation>
        </message>
        <message>
            <source>%1. %2 (%3 s)</source>
            <translation>%1. %2 (%3 s)</translation>
        </message>
        <message numerus="yes">
            <source>%n move(s)</source>
            <translation>
                <numerusform>%n Übung</numerusform>
                <numerusform>%n Übungen</numerusform>
            </translation>
        </message>
        <message>
            <source>, </source>
            <translation>, </translation>
        </message>
        <message>
            <source>All positions</source>
            <translation>Alle Positionen</translation>
        </message>
        <message>
            <source>Any equipment</source>
            <translation>Beliebige Hilfsmittel</translation>
        </message>
        <message>
            <source>Bench</source>
            <translation>Bank</translation>
        </message>
        <message>
            <source>Careful: %1</source>
            <translation>Vorsicht: %1</translation>
        </message>
        <message>
            <source>Chair</source>
            <translation>Stuhl</translation>
        </message>
        <message>
            <source>Choose at least one position for long breaks.</source>
            <translation>Wählen Sie mindestens eine Position für lange Pausen.</translation>
        </message>
        <message>
            <source>Desk</source>
            <translation>Schreibtisch</translation>
        </message>
        <message>
            <source>Equipment</source>
            <translation>Hilfsmittel</translation>
        </message>
        <message>
            <source>Exercise ball</source>
            <translation>Gymnastikball</translation>
        </message>
        <message>
            <source>Extension</source>
            <translation>Streckung</translation>
        </message>
        <message>
            <source>Flexion</source>
            <translation>Beugung</translation>
        </message>
        <message>
            <source>Floor moves need space to lie or kneel down; off unless you ask</source>
            <translation>Übungen am Boden brauchen Platz zum Liegen oder Knien; aus, solange Sie sie nicht einschalten</translation>
        </message>
        <message>
            <source>Foam roller</source>
            <translation>Faszienrolle</translation>
        </message>
        <message>
            <source>Focus</source>
            <translation>Schwerpunkt</translation>
        </message>
        <message>
            <source>I have:</source>
            <translation>Vorhanden:</translation>
        </message>
        <message>
            <source>Keep at least one position ticked, even with long breaks off.</source>
            <translation>Lassen Sie mindestens eine Position angekreuzt, auch wenn lange Pausen aus sind.</translation>
        </message>
        <message>
            <source>Keep at least one seated move on for short breaks.</source>
            <translation>Lassen Sie mindestens eine Übung im Sitzen für kurze Pausen eingeschaltet.</translation>
        </message>
        <message>
            <source>Long breaks may use</source>
            <translation>Lange Pausen dürfen verwenden</translation>
        </message>
        <message>
            <source>Move</source>
            <translation>Übung</translation>
        </message>
        <message>
            <source>No equipment</source>
            <translation>Keine Hilfsmittel</translation>
        </message>
        <message>
            <source>No moves could be loaded; see the log.</source>
            <translation>Es konnten keine Übungen geladen werden; siehe Protokoll.</translation>
        </message>
        <message>
            <source>None</source>
            <translation>Keine</translation>
        </message>
        <message>
            <source>On the floor</source>
            <translation>Am Boden</translation>
        </message>
        <message>
            <source>Pause</source>
            <translation>Anhalten</translation>
        </message>
        <message>
            <source>Play</source>
            <translation>Abspielen</translation>
        </message>
        <message>
            <source>Position</source>
            <translation>Position</translation>
        </message>
        <message>
            <source>Positions:</source>
            <translation>Positionen:</translation>
        </message>
        <message>
            <source>Release</source>
            <translation>Lockerung</translation>
        </message>
        <message>
            <source>Resistance band</source>
            <translation>Widerstandsband</translation>
        </message>
        <message>
            <source>Rotation</source>
            <translation>Drehung</translation>
        </message>
        <message>
            <source>Seated</source>
            <translation>Im Sitzen</translation>
        </message>
        <message>
            <source>Shoulder blades</source>
            <translation>Schulterblätter</translation>
        </message>
        <message>
            <source>Shoulders</source>
            <translation>Schultern</translation>
        </message>
        <message>
            <source>Show moves by equipment</source>
            <translation>Übungen nach Hilfsmitteln anzeigen</translation>
        </message>
        <message>
            <source>Show moves by position</source>
            <translation>Übungen nach Position anzeigen</translation>
        </message>
        <message>
            <source>Standing</source>
            <translation>Im Stehen</translation>
        </message>
        <message>
            <source>Untick a move you do not want. Short breaks use seated moves; long breaks may also use what you tick here.</source>
            <translation>Entfernen Sie das Häkchen bei Übungen, die Sie nicht möchten. Kurze Pausen nutzen Übungen im Sitzen; lange Pausen auch, was Sie hier ankreuzen.</translation>
        </message>
        <message>
            <source>Wall</source>
            <translation>Wand</translation>
        </message>
        <message>
            <source>every seated move is off, so short breaks would have no moves to show.</source>
            <translation>alle Übungen im Sitzen sind aus, kurze Pausen hätten also keine Übungen.</translation>
        </message>
        <message>
            <source>no move that is on fits these choices, so long breaks will have none.</source>
            <translation>keine eingeschaltete Übung passt zu dieser Auswahl, lange Pausen haben also keine.</translation>
        </message>
        <message>
            <source>no seated move is on, so short breaks will have no moves to show.</source>
            <translation>keine Übung im Sitzen ist eingeschaltet, kurze Pausen haben also keine Übungen.</translation>
        </message>
    </context>
    <context>
        <name>Moves table</name>
        <message>
            <source>* from your moves.toml</source>
            <translation>* aus Ihrer moves.toml</translation>
        </message>
        <message>
            <source>EQUIPMENT</source>
            <translation>HILFSMITTEL</translation>
        </message>
        <message>
            <source>FOCUS</source>
            <translation>SCHWERPUNKT</translation>
        </message>
        <message>
            <source>ID</source>
            <translation>ID</translation>
        </message>
        <message>
            <source>NAME</source>
            <translation>NAME</translation>
        </message>
        <message>
            <source>POSITION</source>
            <translation>POSITION</translation>
        </message>
        <message>
            <source>SECONDS</source>
            <translation>SEKUNDEN</translation>
        </message>
    </context>
    <context>
        <name>Notice</name>
        <message>
            <source>Desk Break notice</source>
            <translation>Desk-Break-Hinweis</translation>
        </message>
    </context>
    <context>
        <name>Pause</name>
        <message numerus="yes">
            <source>%n hour(s)</source>
            <translation>
                <numerusform>%n Stunde</numerusform>
                <numerusform>%n Stunden</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n minute(s)</source>
            <translation>
                <numerusform>%n Minute</numerusform>
                <numerusform>%n Minuten</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n second(s)</source>
            <translation>
                <numerusform>%n Sekunde</numerusform>
                <numerusform>%n Sekunden</numerusform>
            </translation>
        </message>
        <message>
            <source>1 hour</source>
            <translation>1 Stunde</translation>
        </message>
        <message>
            <source>2 hours</source>
            <translation>2 Stunden</translation>
        </message>
        <message>
            <source>30 minutes</source>
            <translation>30 Minuten</translation>
        </message>
        <message>
            <source>30m, 1h, 2h, until-tomorrow, indefinitely, or any length in hours, minutes and seconds such as 45m, 1h30m or 90s</source>
            <translation>30m, 1h, 2h, until-tomorrow, indefinitely oder eine beliebige Dauer in Stunden, Minuten und Sekunden wie 45m, 1h30m oder 90s</translation>
        </message>
        <message>
            <source>Until I resume</source>
            <translation>Bis ich fortsetze</translation>
        </message>
        <message>
            <source>Until tomorrow</source>
            <translation>Bis morgen</translation>
        </message>
        <message>
            <source>a pause of %1 is longer than a week; use 'indefinitely' and resume by hand</source>
            <translation>eine Pause von %1 ist länger als eine Woche; nehmen Sie 'indefinitely' und setzen Sie von Hand fort</translation>
        </message>
        <message>
            <source>a pause of %1 is shorter than a minute; use for example 5m</source>
            <translation>eine Pause von %1 ist kürzer als eine Minute; nehmen Sie zum Beispiel 5m</translation>
        </message>
        <message>
            <source>pause length %1 has no unit; write %2m for minutes or %2h for hours</source>
            <translation>die Pausenlänge %1 hat keine Einheit; schreiben Sie %2m für Minuten oder %2h für Stunden</translation>
        </message>
        <message>
            <source>unknown pause length %1; use %2</source>
            <translation>unbekannte Pausenlänge %1; möglich sind %2</translation>
        </message>
    </context>
    <context>
        <name>Preferences</name>
        <message>
            <source>%1 (%2)</source>
            <translation>%1 (%2)</translation>
        </message>
        <message>
            <source>%1 h</source>
            <translation>%1 Std.</translation>
        </message>
        <message>
            <source>%1 h %2 min</source>
            <translation>%1 Std. %2 Min.</translation>
        </message>
        <message>
            <source>%1 min</source>
            <translation>%1 Min.</translation>
        </message>
        <message>
            <source>%1, %2 a day with your hours.</source>
            <translation>%1, %2 am Tag mit Ihren Arbeitszeiten.</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <translation>%1: %2</translation>
        </message>
        <message>
            <source>%1; no break fits in your work hours, so none are planned.</source>
            <translation>%1; in Ihre Arbeitszeiten passt keine Pause, es sind also keine geplant.</translation>
        </message>
        <message>
            <source>%1; no work hours set, so none are planned.</source>
            <translation>%1; keine Arbeitszeiten festgelegt, es sind also keine geplant.</translation>
        </message>
        <message>
            <source>%1th</source>
            <comment>ordinal ending: th, st, nd, rd</comment>
            <translation>%1.</translation>
        </message>
        <message>
            <source>+ Add hours</source>
            <translation>+ Zeiten hinzufügen</translation>
        </message>
        <message>
            <source>A %1-second break %2</source>
            <translation>Eine %1-sekündige Pause %2</translation>
        </message>
        <message>
            <source>A break waits while you are away or typing, and is held (not skipped) during a call, a presentation or a meeting. About lists what this desktop lets Desk Break see.</source>
            <translation>Eine Pause wartet, solange Sie weg sind oder tippen, und wird während eines Anrufs, einer Präsentation oder eines Termins zurückgehalten (nicht ausgelassen). „Über“ zeigt, was diese Arbeitsumgebung Desk Break sehen lässt.</translation>
        </message>
        <message>
            <source>A soft tone</source>
            <translation>Ein sanfter Ton</translation>
        </message>
        <message>
            <source>About</source>
            <translation>Über</translation>
        </message>
        <message>
            <source>Add a range of work hours on %1</source>
            <translation>Arbeitszeit am %1 hinzufügen</translation>
        </message>
        <message>
            <source>All breaks are short.</source>
            <translation>Alle Pausen sind kurz.</translation>
        </message>
        <message>
            <source>Behaviour</source>
            <translation>Verhalten</translation>
        </message>
        <message>
            <source>Breaks</source>
            <translation>Pausen</translation>
        </message>
        <message>
            <source>Breaks are planned only inside these hours. An end before the start runs past midnight.</source>
            <translation>Pausen werden nur innerhalb dieser Zeiten geplant. Ein Ende vor dem Beginn reicht über Mitternacht.</translation>
        </message>
        <message>
            <source>Calendars (*.ics);;All files (*)</source>
            <translation>Kalender (*.ics);;Alle Dateien (*)</translation>
        </message>
        <message>
            <source>Choose…</source>
            <translation>Auswählen …</translation>
        </message>
        <message>
            <source>Copy Monday to all weekdays</source>
            <translation>Montag auf alle Werktage übertragen</translation>
        </message>
        <message>
            <source>Could not change the login item: %1</source>
            <translation>Der Autostart-Eintrag ließ sich nicht ändern: %1</translation>
        </message>
        <message>
            <source>Could not read the login item: %1</source>
            <translation>Der Autostart-Eintrag ließ sich nicht lesen: %1</translation>
        </message>
        <message>
            <source>Day off</source>
            <translation>Frei</translation>
        </message>
        <message>
            <source>Empty: the start and end are the same (00:00 to 00:00 is the whole day).</source>
            <translation>Leer: Beginn und Ende sind gleich (00:00 bis 00:00 ist der ganze Tag).</translation>
        </message>
        <message>
            <source>Every %1 break lasts %2: about one every %3 of work.</source>
            <translation>Jede %1 Pause dauert %2: etwa eine alle %3 Arbeit.</translation>
        </message>
        <message>
            <source>Every so often a break is longer and uses the moves you allow for long breaks (see Moves).</source>
            <translation>Ab und zu ist eine Pause länger und nutzt die Übungen, die Sie für lange Pausen erlauben (siehe Übungen).</translation>
        </message>
        <message>
            <source>Fix this to save: %1</source>
            <translation>Zum Speichern beheben: %1</translation>
        </message>
        <message numerus="yes">
            <source>Fix this to save: %1 (and %n more marked ⚠)</source>
            <translation>
                <numerusform>Zum Speichern beheben: %1 (und %n weiteres mit ⚠ markiert)</numerusform>
                <numerusform>Zum Speichern beheben: %1 (und %n weitere mit ⚠ markiert)</numerusform>
            </translation>
        </message>
        <message>
            <source>Give Tuesday to Friday the same hours as Monday</source>
            <translation>Dienstag bis Freitag dieselben Zeiten wie Montag geben</translation>
        </message>
        <message>
            <source>Heads-up: </source>
            <translation>Hinweis: </translation>
        </message>
        <message>
            <source>Heads-up: %1</source>
            <translation>Hinweis: %1</translation>
        </message>
        <message numerus="yes">
            <source>Heads-up: %1 (and %n more)</source>
            <translation>
                <numerusform>Hinweis: %1 (und %n weiterer)</numerusform>
                <numerusform>Hinweis: %1 (und %n weitere)</numerusform>
            </translation>
        </message>
        <message>
            <source>Hide</source>
            <translation>Ausblenden</translation>
        </message>
        <message>
            <source>History</source>
            <translation>Verlauf</translation>
        </message>
        <message>
            <source>Hold a due break while</source>
            <translation>Eine fällige Pause zurückhalten, während</translation>
        </message>
        <message>
            <source>Long breaks</source>
            <translation>Lange Pausen</translation>
        </message>
        <message>
            <source>Moves</source>
            <translation>Übungen</translation>
        </message>
        <message>
            <source>No sound player was found, so breaks end silently. Install pw-play (PipeWire), paplay (pulseaudio-utils) or aplay (alsa-utils), or PySide6-Addons.</source>
            <translation>Es wurde kein Abspielprogramm gefunden, Pausen enden also lautlos. Installieren Sie pw-play (PipeWire), paplay (pulseaudio-utils), aplay (alsa-utils) oder PySide6-Addons.</translation>
        </message>
        <message>
            <source>No speech service was found, so step cues play as tones. To hear the steps spoken, install speech-dispatcher (spd-say) or espeak-ng.</source>
            <translation>Es wurde kein Sprachdienst gefunden, Schritthinweise kommen also als Töne. Um die Schritte gesprochen zu hören, installieren Sie speech-dispatcher (spd-say) oder espeak-ng.</translation>
        </message>
        <message>
            <source>Not available on this system.</source>
            <translation>Auf diesem System nicht verfügbar.</translation>
        </message>
        <message>
            <source>Off</source>
            <translation>Aus</translation>
        </message>
        <message>
            <source>Overlaps %1.</source>
            <translation>Überschneidet sich mit %1.</translation>
        </message>
        <message>
            <source>Pick the file</source>
            <translation>Datei auswählen</translation>
        </message>
        <message>
            <source>Play a step cue as a break would</source>
            <translation>Einen Schritthinweis abspielen, wie in einer Pause</translation>
        </message>
        <message>
            <source>Preferences</source>
            <translation>Einstellungen</translation>
        </message>
        <message>
            <source>Presence</source>
            <translation>Anwesenheit</translation>
        </message>
        <message>
            <source>Preview</source>
            <translation>Probehören</translation>
        </message>
        <message>
            <source>Remove these hours</source>
            <translation>Diese Zeiten entfernen</translation>
        </message>
        <message>
            <source>Set by your organisation in {file}; your settings file cannot change it.</source>
            <translation>Von Ihrer Organisation in {file} festgelegt; Ihre Einstellungsdatei kann das nicht ändern.</translation>
        </message>
        <message>
            <source>Short, seated moves for your upper back. The warning gives you a moment to finish a sentence; snoozing pushes a break back.</source>
            <translation>Kurze Übungen im Sitzen für den oberen Rücken. Die Vorwarnung lässt Ihnen Zeit, einen Satz zu beenden; Verschieben schiebt eine Pause nach hinten.</translation>
        </message>
        <message>
            <source>Spoken aloud</source>
            <translation>Laut gesprochen</translation>
        </message>
        <message>
            <source>Squeeze your shoulder blades together — hold</source>
            <translation>Schulterblätter zusammenziehen — halten</translation>
        </message>
        <message>
            <source>Start Desk Break when I log in</source>
            <translation>Desk Break bei der Anmeldung starten</translation>
        </message>
        <message>
            <source>Starts inside %1's %2.</source>
            <translation>Beginnt innerhalb von %2 am %1.</translation>
        </message>
        <message>
            <source>Test sound</source>
            <translation>Ton testen</translation>
        </message>
        <message>
            <source>Work hours</source>
            <translation>Arbeitszeiten</translation>
        </message>
        <message>
            <source>Your settings file had problems; saving will keep a copy of it as %1.bad-&lt;date and time&gt;. Until then the defaults stand in for the values below that could not be used.</source>
            <translation>Ihre Einstellungsdatei hatte Probleme; beim Speichern wird eine Kopie als %1.bad-&lt;Datum und Uhrzeit&gt; aufbewahrt. Bis dahin gelten für die Werte unten, die nicht verwendet werden konnten, die Standardwerte.</translation>
        </message>
        <message>
            <source>end</source>
            <translation>Ende</translation>
        </message>
        <message>
            <source>ends next day</source>
            <translation>endet am nächsten Tag</translation>
        </message>
        <message numerus="yes">
            <source>every %n minute(s)</source>
            <translation>
                <numerusform>jede Minute</numerusform>
                <numerusform>alle %n Minuten</numerusform>
            </translation>
        </message>
        <message>
            <source>every minute</source>
            <translation>jede Minute</translation>
        </message>
        <message>
            <source>line %1</source>
            <translation>Zeile %1</translation>
        </message>
        <message>
            <source>none</source>
            <translation>keine</translation>
        </message>
        <message>
            <source>runs into %1's %2; shorten one of them.</source>
            <translation>reicht in %2 am %1; kürzen Sie eine davon.</translation>
        </message>
        <message>
            <source>set by your organisation</source>
            <translation>von Ihrer Organisation festgelegt</translation>
        </message>
        <message>
            <source>start</source>
            <translation>Beginn</translation>
        </message>
        <message>
            <source>the warning is longer than the time between breaks (%1); make it shorter.</source>
            <translation>die Vorwarnung ist länger als die Zeit zwischen den Pausen (%1); kürzen Sie sie.</translation>
        </message>
        <message>
            <source>to</source>
            <comment>from 09:00 to 17:30</comment>
            <translation>bis</translation>
        </message>
        <message>
            <source>whole day</source>
            <translation>ganzer Tag</translation>
        </message>
        <message numerus="yes">
            <source>… and %n more</source>
            <translation>
                <numerusform>… und %n weiteres</numerusform>
                <numerusform>… und %n weitere</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Presence</name>
        <message>
            <source>%1: not a calendar file (%2)</source>
            <translation>%1: keine Kalenderdatei (%2)</translation>
        </message>
        <message>
            <source>, </source>
            <comment>between reasons</comment>
            <translation>, </translation>
        </message>
        <message>
            <source>Breaks wait for: %1</source>
            <translation>Pausen warten bei: %1</translation>
        </message>
        <message>
            <source>Calendar support is not installed (icalendar, recurring-ical-events).</source>
            <translation>Die Kalenderunterstützung ist nicht installiert (icalendar, recurring-ical-events).</translation>
        </message>
        <message>
            <source>Do not disturb: nothing can be watched on this desktop</source>
            <translation>Nicht stören: Auf dieser Arbeitsumgebung lässt sich nichts beobachten</translation>
        </message>
        <message>
            <source>GNOME (Mutter idle monitor)</source>
            <translation>GNOME (Mutter-Leerlaufmonitor)</translation>
        </message>
        <message>
            <source>Idle time: %1</source>
            <translation>Leerlaufzeit: %1</translation>
        </message>
        <message>
            <source>Idle time: not available on this desktop (no natural breaks)</source>
            <translation>Leerlaufzeit: auf dieser Arbeitsumgebung nicht verfügbar (keine natürlichen Pausen)</translation>
        </message>
        <message>
            <source>The connection to the X display was lost, so a fullscreen window no longer holds breaks until Desk Break restarts.</source>
            <translation>Die Verbindung zum X-Display ist abgerissen; ein Vollbildfenster hält Pausen daher erst nach einem Neustart von Desk Break wieder zurück.</translation>
        </message>
        <message>
            <source>The sound server (PulseAudio or PipeWire) is not answering.</source>
            <translation>Der Soundserver (PulseAudio oder PipeWire) antwortet nicht.</translation>
        </message>
        <message>
            <source>Wayland idle notifications (KDE, wlroots)</source>
            <translation>Wayland-Leerlaufmeldungen (KDE, wlroots)</translation>
        </message>
        <message>
            <source>Windows input</source>
            <translation>Windows-Eingaben</translation>
        </message>
        <message>
            <source>X11 screen saver extension</source>
            <translation>X11-Bildschirmschoner-Erweiterung</translation>
        </message>
        <message>
            <source>a full-screen window</source>
            <translation>einem Vollbildfenster</translation>
        </message>
        <message>
            <source>macOS input</source>
            <translation>macOS-Eingaben</translation>
        </message>
        <message>
            <source>meetings in your calendar</source>
            <translation>Terminen in Ihrem Kalender</translation>
        </message>
        <message>
            <source>the camera in use</source>
            <translation>benutzter Kamera</translation>
        </message>
        <message>
            <source>the desktop's do not disturb</source>
            <translation>„Nicht stören“ der Arbeitsumgebung</translation>
        </message>
        <message>
            <source>the locked screen</source>
            <translation>gesperrtem Bildschirm</translation>
        </message>
        <message>
            <source>the microphone in use</source>
            <translation>benutztem Mikrofon</translation>
        </message>
        <message>
            <source>the note before your first break</source>
            <translation>dem Hinweis vor Ihrer ersten Pause</translation>
        </message>
    </context>
    <context>
        <name>Schedule</name>
        <message>
            <source>%1 (%2 long)</source>
            <translation>%1 (%2 lang)</translation>
        </message>
        <message>
            <source>%1 min</source>
            <translation>%1 Min.</translation>
        </message>
        <message>
            <source>%1 min %2 s</source>
            <translation>%1 Min. %2 s</translation>
        </message>
        <message>
            <source>%1 s</source>
            <translation>%1 s</translation>
        </message>
        <message numerus="yes">
            <source>%n break(s)</source>
            <translation>
                <numerusform>%n Pause</numerusform>
                <numerusform>%n Pausen</numerusform>
            </translation>
        </message>
        <message>
            <source>(next day, %1)</source>
            <translation>(nächster Tag, %1)</translation>
        </message>
        <message>
            <source>No breaks planned.</source>
            <translation>Keine Pausen geplant.</translation>
        </message>
        <message>
            <source>No breaks: work hours too short for one</source>
            <translation>Keine Pausen: Arbeitszeit zu kurz für eine</translation>
        </message>
        <message>
            <source>No work hours</source>
            <translation>Keine Arbeitszeit</translation>
        </message>
        <message>
            <source>long</source>
            <translation>lang</translation>
        </message>
        <message>
            <source>micro</source>
            <translation>kurz</translation>
        </message>
    </context>
    <context>
        <name>Settings</name>
        <message>
            <source> %</source>
            <translation> %</translation>
        </message>
        <message>
            <source> breaks</source>
            <translation> Pausen</translation>
        </message>
        <message>
            <source> days</source>
            <translation> Tage</translation>
        </message>
        <message>
            <source> min</source>
            <translation> Min.</translation>
        </message>
        <message>
            <source> s</source>
            <translation> s</translation>
        </message>
        <message>
            <source>"HH:MM-HH:MM" ranges; [] = no work that day</source>
            <translation>Zeiträume "HH:MM-HH:MM"; [] = an dem Tag keine Arbeit</translation>
        </message>
        <message>
            <source>A day meets the goal at:</source>
            <translation>Ein Tag erreicht das Ziel ab:</translation>
        </message>
        <message>
            <source>A due break waits until you stop typing this long (it gives up after 60 s).</source>
            <translation>Eine fällige Pause wartet, bis Sie so lange nicht mehr tippen (nach 60 s gibt sie auf).</translation>
        </message>
        <message>
            <source>A full-screen window</source>
            <translation>ein Vollbildfenster offen ist</translation>
        </message>
        <message>
            <source>A notice before each break, from which you can snooze; no longer than the time between breaks.</source>
            <translation>Ein Hinweis vor jeder Pause, aus dem heraus Sie verschieben können; nicht länger als die Zeit zwischen den Pausen.</translation>
        </message>
        <message>
            <source>A playing video or presentation means I am here</source>
            <translation>Ein laufendes Video oder eine Präsentation heißt, ich bin da</translation>
        </message>
        <message>
            <source>Break every:</source>
            <translation>Pause alle:</translation>
        </message>
        <message>
            <source>Break length:</source>
            <translation>Pausenlänge:</translation>
        </message>
        <message>
            <source>Breaks done (or taken by time away) out of those due that day.</source>
            <translation>Gemachte (oder durch Abwesenheit genommene) Pausen von denen, die an dem Tag fällig waren.</translation>
        </message>
        <message>
            <source>Busy events in this file hold breaks; empty = none.</source>
            <translation>Belegte Termine in dieser Datei halten Pausen zurück; leer = keine.</translation>
        </message>
        <message>
            <source>Calendar file (.ics):</source>
            <translation>Kalenderdatei (.ics):</translation>
        </message>
        <message>
            <source>Counted from the end of one break to the start of the next.</source>
            <translation>Gezählt vom Ende einer Pause bis zum Beginn der nächsten.</translation>
        </message>
        <message>
            <source>Cues at each step:</source>
            <translation>Hinweis bei jedem Schritt:</translation>
        </message>
        <message>
            <source>For moves where you look away (a twist, an extension): a soft tone at each step, or the step spoken aloud.</source>
            <translation>Für Übungen, bei denen Sie wegschauen (eine Drehung, eine Streckung): ein sanfter Ton bei jedem Schritt oder der Schritt laut gesprochen.</translation>
        </message>
        <message>
            <source>Forever</source>
            <translation>Für immer</translation>
        </message>
        <message>
            <source>Hold a break at most:</source>
            <translation>Pause höchstens zurückhalten:</translation>
        </message>
        <message>
            <source>Keep history for:</source>
            <translation>Verlauf aufbewahren:</translation>
        </message>
        <message>
            <source>Leaving the desk for at least a break's length counts as that break.</source>
            <translation>Wer den Schreibtisch mindestens eine Pausenlänge verlässt, hat diese Pause gemacht.</translation>
        </message>
        <message>
            <source>Long break length:</source>
            <translation>Länge langer Pausen:</translation>
        </message>
        <message>
            <source>Make some breaks longer</source>
            <translation>Manche Pausen verlängern</translation>
        </message>
        <message>
            <source>No snoozing</source>
            <translation>Kein Verschieben</translation>
        </message>
        <message>
            <source>No warning</source>
            <translation>Keine Vorwarnung</translation>
        </message>
        <message>
            <source>Off</source>
            <translation>Aus</translation>
        </message>
        <message>
            <source>Older days are deleted when Desk Break starts.</source>
            <translation>Ältere Tage werden beim Start von Desk Break gelöscht.</translation>
        </message>
        <message>
            <source>One long break every:</source>
            <translation>Eine lange Pause alle:</translation>
        </message>
        <message>
            <source>Play a soft chime when a break ends</source>
            <translation>Am Ende einer Pause einen sanften Klang spielen</translation>
        </message>
        <message>
            <source>Snooze for:</source>
            <translation>Verschieben um:</translation>
        </message>
        <message>
            <source>Snoozes per break:</source>
            <translation>Verschiebungen pro Pause:</translation>
        </message>
        <message>
            <source>The camera is in use</source>
            <translation>die Kamera benutzt wird</translation>
        </message>
        <message>
            <source>The desktop's do-not-disturb</source>
            <translation>„Nicht stören“ der Arbeitsumgebung an ist</translation>
        </message>
        <message>
            <source>The microphone is in use</source>
            <translation>das Mikrofon benutzt wird</translation>
        </message>
        <message>
            <source>The screen is locked</source>
            <translation>der Bildschirm gesperrt ist</translation>
        </message>
        <message>
            <source>Time away counts as a break</source>
            <translation>Abwesenheit zählt als Pause</translation>
        </message>
        <message>
            <source>Wait for a typing pause:</source>
            <translation>Auf eine Tipppause warten:</translation>
        </message>
        <message>
            <source>Warn me before:</source>
            <translation>Vorwarnung:</translation>
        </message>
    </context>
    <context>
        <name>SettingsFile</name>
        <message>
            <source> (with the organisation's defaults in %1)</source>
            <translation> (mit den Vorgaben Ihrer Organisation in %1)</translation>
        </message>
        <message>
            <source> or </source>
            <translation> oder </translation>
        </message>
        <message>
            <source>"%1" is not a time of day (00:00 to 23:59, or 24:00 to end)</source>
            <translation>"%1" ist keine Uhrzeit (00:00 bis 23:59, oder 24:00 als Ende)</translation>
        </message>
        <message>
            <source>"%1" overlaps "%2"</source>
            <translation>"%1" überschneidet sich mit "%2"</translation>
        </message>
        <message>
            <source>"%1" overlaps %2's "%3", which runs past midnight into %4; shorten one of them</source>
            <translation>"%1" überschneidet sich mit "%3" am %2, das über Mitternacht in den %4 reicht; kürzen Sie einen davon</translation>
        </message>
        <message>
            <source>"24:00" can only end a range ("00:00-24:00" is the whole day); to start at midnight write "00:00"</source>
            <translation>"24:00" kann nur einen Zeitraum beenden ("00:00-24:00" ist der ganze Tag); für einen Beginn um Mitternacht schreiben Sie "00:00"</translation>
        </message>
        <message>
            <source>%1 is empty: it starts and ends at the same time</source>
            <translation>%1 ist leer: Beginn und Ende sind gleich</translation>
        </message>
        <message>
            <source>; did you mean '%1'?</source>
            <translation>; meinten Sie '%1'?</translation>
        </message>
        <message>
            <source>; expected one of %1</source>
            <translation>; erwartet wird eines von %1</translation>
        </message>
        <message>
            <source>cannot read the file: %1</source>
            <translation>die Datei kann nicht gelesen werden: %1</translation>
        </message>
        <message>
            <source>cannot read the file: it %1</source>
            <translation>die Datei kann nicht gelesen werden: sie %1</translation>
        </message>
        <message>
            <source>cannot read the file: it is not UTF-8 text (byte 0x%1)</source>
            <translation>die Datei kann nicht gelesen werden: sie ist kein UTF-8-Text (Byte 0x%1)</translation>
        </message>
        <message>
            <source>could not update this file from settings version %1 to %2 (%3); it is read as it is and left unchanged</source>
            <translation>diese Datei ließ sich nicht von Einstellungsversion %1 auf %2 bringen (%3); sie wird gelesen, wie sie ist, und bleibt unverändert</translation>
        </message>
        <message>
            <source>is set by your organisation in %1 (locked there); the value here is ignored</source>
            <translation>ist von Ihrer Organisation in %1 festgelegt (dort gesperrt); der Wert hier wird ignoriert</translation>
        </message>
        <message>
            <source>line %1</source>
            <translation>Zeile %1</translation>
        </message>
        <message>
            <source>must be %1, got %2</source>
            <translation>muss %1 sein, ist aber %2</translation>
        </message>
        <message>
            <source>must be a list of equipment from: %1</source>
            <translation>muss eine Liste von Hilfsmitteln sein aus: %1</translation>
        </message>
        <message>
            <source>must be a list of keys such as ["breaks.interval_minutes"], got %1</source>
            <translation>muss eine Liste von Schlüsseln wie ["breaks.interval_minutes"] sein, ist aber %1</translation>
        </message>
        <message>
            <source>must be a list of move ids (text), got %1</source>
            <translation>muss eine Liste von Übungs-IDs (Text) sein, ist aber %1</translation>
        </message>
        <message>
            <source>must be a list of positions from: %1</source>
            <translation>muss eine Liste von Positionen sein aus: %1</translation>
        </message>
        <message>
            <source>must be a list of time ranges like ["09:00-17:30"], got %1</source>
            <translation>muss eine Liste von Zeiträumen wie ["09:00-17:30"] sein, ist aber %1</translation>
        </message>
        <message>
            <source>must be a move id (text), got %1</source>
            <translation>muss eine Übungs-ID (Text) sein, ist aber %1</translation>
        </message>
        <message>
            <source>must be a time range "HH:MM-HH:MM" such as "09:00-17:30", got %1</source>
            <translation>muss ein Zeitraum "HH:MM-HH:MM" wie "09:00-17:30" sein, ist aber %1</translation>
        </message>
        <message>
            <source>must be a whole number (this Desk Break writes %1), got %2</source>
            <translation>muss eine ganze Zahl sein (dieses Desk Break schreibt %1), ist aber %2</translation>
        </message>
        <message>
            <source>must be a whole number from %1 to %2, got %3</source>
            <translation>muss eine ganze Zahl von %1 bis %2 sein, ist aber %3</translation>
        </message>
        <message>
            <source>must be text (a path, or "" for none), got %1</source>
            <translation>muss Text sein (ein Pfad, oder "" für keinen), ist aber %1</translation>
        </message>
        <message>
            <source>must be true or false, got %1</source>
            <translation>muss true oder false sein, ist aber %1</translation>
        </message>
        <message>
            <source>needs at least one position (to turn long breaks off, set long_breaks.enabled)</source>
            <translation>braucht mindestens eine Position (um lange Pausen abzuschalten, setzen Sie long_breaks.enabled)</translation>
        </message>
        <message>
            <source>no move has the id %1 (see `desk-break moves`)</source>
            <translation>keine Übung hat die ID %1 (siehe `desk-break moves`)</translation>
        </message>
        <message>
            <source>not a settings key or table: %1</source>
            <translation>kein Einstellungsschlüssel und keine Tabelle: %1</translation>
        </message>
        <message>
            <source>not valid TOML: %1</source>
            <translation>kein gültiges TOML: %1</translation>
        </message>
        <message>
            <source>not valid TOML: %1 (column %2)</source>
            <translation>kein gültiges TOML: %1 (Spalte %2)</translation>
        </message>
        <message>
            <source>old name of '%1', which is also set; ignored</source>
            <translation>alter Name von '%1', das ebenfalls gesetzt ist; ignoriert</translation>
        </message>
        <message>
            <source>the warning (%1 s) is longer than the time between breaks (interval_minutes = %2, %3 s); make it at most %3</source>
            <translation>die Vorwarnung (%1 s) ist länger als die Zeit zwischen den Pausen (interval_minutes = %2, %3 s); höchstens %3</translation>
        </message>
        <message>
            <source>this file is for a newer Desk Break (settings version %1; this one understands up to %2); using the defaults and leaving the file as it is</source>
            <translation>diese Datei ist für ein neueres Desk Break (Einstellungsversion %1; dieses versteht bis %2); es gelten die Standardwerte, die Datei bleibt, wie sie ist</translation>
        </message>
        <message>
            <source>unknown equipment %1</source>
            <translation>unbekanntes Hilfsmittel %1</translation>
        </message>
        <message>
            <source>unknown key</source>
            <translation>unbekannter Schlüssel</translation>
        </message>
        <message>
            <source>unknown key here; '%1' belongs in [%2]</source>
            <translation>unbekannter Schlüssel an dieser Stelle; '%1' gehört nach [%2]</translation>
        </message>
        <message>
            <source>unknown position %1</source>
            <translation>unbekannte Position %1</translation>
        </message>
        <message>
            <source>unknown table</source>
            <translation>unbekannte Tabelle</translation>
        </message>
        <message>
            <source>unknown table here; '%1' belongs in [%2]</source>
            <translation>unbekannte Tabelle an dieser Stelle; '%1' gehört nach [%2]</translation>
        </message>
    </context>
    <context>
        <name>Startup</name>
        <message>
            <source>Desk Break cannot start: %1 (details in %2).</source>
            <translation>Desk Break kann nicht starten: %1 (Einzelheiten in %2).</translation>
        </message>
        <message>
            <source>Desk Break cannot start: %1.</source>
            <translation>Desk Break kann nicht starten: %1.</translation>
        </message>
        <message>
            <source>Desk Break is already running (it holds %1) but does not answer on %2: %3.</source>
            <translation>Desk Break läuft bereits (es hält %1), antwortet aber nicht auf %2: %3.</translation>
        </message>
        <message>
            <source>Desk Break needs a desktop session, and no display was found (DISPLAY and WAYLAND_DISPLAY are unset). Start it from your desktop, or see the README.</source>
            <translation>Desk Break braucht eine Desktop-Sitzung, und es wurde kein Display gefunden (DISPLAY und WAYLAND_DISPLAY sind nicht gesetzt). Starten Sie es aus Ihrer Arbeitsumgebung heraus oder lesen Sie die README.</translation>
        </message>
    </context>
    <context>
        <name>Statistics</name>
        <message>
            <source>Away {span}</source>
            <translation>Abwesend {span}</translation>
        </message>
        <message>
            <source>Break at {time}: {what}</source>
            <translation>Pause um {time}: {what}</translation>
        </message>
        <message>
            <source>Breaks done against your goal</source>
            <translation>Gemachte Pausen im Vergleich zu Ihrem Ziel</translation>
        </message>
        <message>
            <source>Breaks held {span}: {why}</source>
            <translation>Pausen zurückgehalten {span}: {why}</translation>
        </message>
        <message>
            <source>Breaks per day</source>
            <translation>Pausen pro Tag</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Gemacht</translation>
        </message>
        <message>
            <source>Goal {goal} %</source>
            <translation>Ziel {goal} %</translation>
        </message>
        <message>
            <source>Missed</source>
            <translation>Verpasst</translation>
        </message>
        <message>
            <source>Natural break</source>
            <translation>Natürliche Pause</translation>
        </message>
        <message>
            <source>Over the last {days} days: {done} of {due} breaks done, {snoozed} snoozes, {skipped} skipped, {missed} missed.</source>
            <translation>In den letzten {days} Tagen: {done} von {due} Pausen gemacht, {snoozed} Verschiebungen, {skipped} ausgelassen, {missed} verpasst.</translation>
        </message>
        <message>
            <source>Skipped</source>
            <translation>Ausgelassen</translation>
        </message>
        <message>
            <source>Snoozed {span}</source>
            <translation>Verschoben {span}</translation>
        </message>
        <message>
            <source>Snoozes</source>
            <translation>Verschiebungen</translation>
        </message>
        <message>
            <source>Statistics need pyqtgraph and numpy, missing from this installation: pip install pyqtgraph numpy</source>
            <translation>Die Statistik braucht pyqtgraph und numpy, die in dieser Installation fehlen: pip install pyqtgraph numpy</translation>
        </message>
        <message>
            <source>The statistics window cannot open: %1.</source>
            <translation>Das Statistikfenster kann nicht öffnen: %1.</translation>
        </message>
        <message>
            <source>Week timeline</source>
            <translation>Wochenverlauf</translation>
        </message>
        <message>
            <source>Worked {span}</source>
            <translation>Gearbeitet {span}</translation>
        </message>
        <message>
            <source>Your goal is {goal} % of due breaks done. {met} of {worked} days with breaks met it.</source>
            <translation>Ihr Ziel sind {goal} % der fälligen Pausen. {met} von {worked} Tagen mit Pausen haben es erreicht.</translation>
        </message>
        <message>
            <source>do not disturb</source>
            <translation>Nicht stören</translation>
        </message>
        <message>
            <source>done</source>
            <translation>gemacht</translation>
        </message>
        <message>
            <source>interrupted</source>
            <translation>unterbrochen</translation>
        </message>
        <message>
            <source>missed (held too long)</source>
            <translation>verpasst (zu lange zurückgehalten)</translation>
        </message>
        <message>
            <source>natural break (you were away)</source>
            <translation>natürliche Pause (Sie waren weg)</translation>
        </message>
        <message>
            <source>skipped</source>
            <translation>ausgelassen</translation>
        </message>
        <message>
            <source>{day}: no breaks</source>
            <translation>{day}: keine Pausen</translation>
        </message>
        <message>
            <source>{day}: no work recorded.</source>
            <translation>{day}: keine Arbeit aufgezeichnet.</translation>
        </message>
        <message>
            <source>{day}: worked {spans}; {done} of {count} breaks done.</source>
            <translation>{day}: gearbeitet {spans}; {done} von {count} Pausen gemacht.</translation>
        </message>
        <message>
            <source>{day}: {done} of {due} done ({completed} taken, {natural} natural), {skipped} skipped, {missed} missed, {snoozed} snoozes</source>
            <translation>{day}: {done} von {due} gemacht ({completed} genommen, {natural} natürlich), {skipped} ausgelassen, {missed} verpasst, {snoozed} Verschiebungen</translation>
        </message>
    </context>
    <context>
        <name>StatisticsWindow</name>
        <message>
            <source>Average of the last 7 days</source>
            <translation>Durchschnitt der letzten 7 Tage</translation>
        </message>
        <message>
            <source>Away</source>
            <translation>Abwesend</translation>
        </message>
        <message>
            <source>Back extension</source>
            <translation>Rückenstreckung</translation>
        </message>
        <message>
            <source>Back to this week (Alt+Home)</source>
            <translation>Zurück zu dieser Woche (Alt+Pos1)</translation>
        </message>
        <message>
            <source>Breaks per day</source>
            <translation>Pausen pro Tag</translation>
        </message>
        <message>
            <source>CSV files (*.csv);;All files (*)</source>
            <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
        </message>
        <message>
            <source>Days at your goal</source>
            <translation>Tage am Ziel</translation>
        </message>
        <message>
            <source>Days at your goal of {goal} %</source>
            <translation>Tage an Ihrem Ziel von {goal} %</translation>
        </message>
        <message>
            <source>Desk Break cannot read your history: {reason}</source>
            <translation>Desk Break kann Ihren Verlauf nicht lesen: {reason}</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Gemacht</translation>
        </message>
        <message>
            <source>Each day</source>
            <translation>Jeder Tag</translation>
        </message>
        <message>
            <source>Each day's breaks (done, skipped, missed) and snoozes will show up here, from your first break on.</source>
            <translation>Die Pausen jedes Tages (gemacht, ausgelassen, verpasst) und Verschiebungen erscheinen hier ab Ihrer ersten Pause.</translation>
        </message>
        <message>
            <source>Export failed: could not start {exe}</source>
            <translation>Export fehlgeschlagen: {exe} konnte nicht gestartet werden</translation>
        </message>
        <message>
            <source>Export failed: {reason}</source>
            <translation>Export fehlgeschlagen: {reason}</translation>
        </message>
        <message>
            <source>Export your break history</source>
            <translation>Ihren Pausenverlauf exportieren</translation>
        </message>
        <message>
            <source>Exporting…</source>
            <translation>Wird exportiert …</translation>
        </message>
        <message>
            <source>Export…</source>
            <translation>Exportieren …</translation>
        </message>
        <message>
            <source>Focus areas</source>
            <translation>Schwerpunkte</translation>
        </message>
        <message>
            <source>Forward bending</source>
            <translation>Vorbeugen</translation>
        </message>
        <message>
            <source>Held</source>
            <translation>Zurückgehalten</translation>
        </message>
        <message>
            <source>How close each day comes to your goal ({goal} % of breaks done) will show up here after your first day with breaks.</source>
            <translation>Wie nah jeder Tag an Ihr Ziel kommt ({goal} % der Pausen gemacht), erscheint hier nach Ihrem ersten Tag mit Pausen.</translation>
        </message>
        <message>
            <source>Missed</source>
            <translation>Verpasst</translation>
        </message>
        <message>
            <source>Moves done most</source>
            <translation>Häufigste Übungen</translation>
        </message>
        <message>
            <source>Natural break</source>
            <translation>Natürliche Pause</translation>
        </message>
        <message>
            <source>Next week</source>
            <translation>Nächste Woche</translation>
        </message>
        <message>
            <source>Next ›</source>
            <translation>Nächste ›</translation>
        </message>
        <message>
            <source>Nothing was recorded this week.</source>
            <translation>Diese Woche wurde nichts aufgezeichnet.</translation>
        </message>
        <message>
            <source>Previous week</source>
            <translation>Vorherige Woche</translation>
        </message>
        <message>
            <source>Release</source>
            <translation>Lockerung</translation>
        </message>
        <message>
            <source>Rotation</source>
            <translation>Drehung</translation>
        </message>
        <message>
            <source>Save every event as a CSV file (Ctrl+E)</source>
            <translation>Jedes Ereignis als CSV-Datei speichern (Strg+E)</translation>
        </message>
        <message>
            <source>Saved to {path}</source>
            <translation>Gespeichert unter {path}</translation>
        </message>
        <message>
            <source>Shoulder blades</source>
            <translation>Schulterblätter</translation>
        </message>
        <message>
            <source>Shoulders</source>
            <translation>Schultern</translation>
        </message>
        <message>
            <source>Show the last</source>
            <translation>Die letzten anzeigen:</translation>
        </message>
        <message>
            <source>Show the last {n} days</source>
            <translation>Die letzten {n} Tage anzeigen</translation>
        </message>
        <message>
            <source>Skipped</source>
            <translation>Ausgelassen</translation>
        </message>
        <message>
            <source>Snoozed</source>
            <translation>Verschoben</translation>
        </message>
        <message>
            <source>Statistics</source>
            <translation>Statistik</translation>
        </message>
        <message>
            <source>The last {n} days (Ctrl+{key})</source>
            <translation>Die letzten {n} Tage (Strg+{key})</translation>
        </message>
        <message>
            <source>The parts of your back you move most will show up here after your first break with moves.</source>
            <translation>Die Bereiche Ihres Rückens, die Sie am meisten bewegen, erscheinen hier nach Ihrer ersten Pause mit Übungen.</translation>
        </message>
        <message>
            <source>The week after (Alt+Right)</source>
            <translation>Die Woche danach (Alt+Rechts)</translation>
        </message>
        <message>
            <source>The week before (Alt+Left)</source>
            <translation>Die Woche davor (Alt+Links)</translation>
        </message>
        <message>
            <source>This week</source>
            <translation>Diese Woche</translation>
        </message>
        <message>
            <source>This week's work, breaks, snoozes and time away will show up here on the clock as they happen.</source>
            <translation>Die Arbeit, Pausen, Verschiebungen und Abwesenheiten dieser Woche erscheinen hier auf der Uhr, sobald sie geschehen.</translation>
        </message>
        <message>
            <source>Today meets your goal. Nice work.</source>
            <translation>Heute ist Ihr Ziel erreicht. Gut gemacht.</translation>
        </message>
        <message>
            <source>Week timeline</source>
            <translation>Wochenverlauf</translation>
        </message>
        <message>
            <source>Work</source>
            <translation>Arbeit</translation>
        </message>
        <message>
            <source>Your breaks</source>
            <translation>Ihre Pausen</translation>
        </message>
        <message>
            <source>Your first break today will show up here.</source>
            <translation>Ihre erste Pause heute erscheint hier.</translation>
        </message>
        <message>
            <source>Your goal</source>
            <translation>Ihr Ziel</translation>
        </message>
        <message>
            <source>Your most-done moves will show up here after your first break with moves.</source>
            <translation>Ihre häufigsten Übungen erscheinen hier nach Ihrer ersten Pause mit Übungen.</translation>
        </message>
        <message>
            <source>breaks done today</source>
            <translation>Pausen heute gemacht</translation>
        </message>
        <message>
            <source>day in a row at your goal</source>
            <translation>Tag in Folge am Ziel</translation>
        </message>
        <message>
            <source>day: your best streak</source>
            <translation>Tag: Ihre beste Serie</translation>
        </message>
        <message>
            <source>days in a row at your goal</source>
            <translation>Tage in Folge am Ziel</translation>
        </message>
        <message>
            <source>days: your best streak</source>
            <translation>Tage: Ihre beste Serie</translation>
        </message>
        <message>
            <source>exit status {code}</source>
            <translation>Exit-Status {code}</translation>
        </message>
        <message>
            <source>minutes moved today</source>
            <translation>Minuten heute bewegt</translation>
        </message>
        <message>
            <source>your best streak</source>
            <translation>Ihre beste Serie</translation>
        </message>
        <message>
            <source>{done} of {due}</source>
            <translation>{done} von {due}</translation>
        </message>
        <message>
            <source>{first} – {last}</source>
            <translation>{first} – {last}</translation>
        </message>
        <message>
            <source>{n} days</source>
            <translation>{n} Tage</translation>
        </message>
        <message>
            <source>{n} more done today meets your goal.</source>
            <translation>Noch {n} heute, und Ihr Ziel ist erreicht.</translation>
        </message>
        <message>
            <source>‹ Previous</source>
            <translation>‹ Vorherige</translation>
        </message>
    </context>
    <context>
        <name>Status</name>
        <message>
            <source>%1 %2</source>
            <comment>weekday and time</comment>
            <translation>%1 %2</translation>
        </message>
        <message>
            <source>%1 min</source>
            <translation>%1 Min.</translation>
        </message>
        <message>
            <source>%1 min %2 s</source>
            <translation>%1 Min. %2 s</translation>
        </message>
        <message>
            <source>%1 s</source>
            <translation>%1 s</translation>
        </message>
        <message>
            <source>, </source>
            <comment>between reasons</comment>
            <translation>, </translation>
        </message>
        <message>
            <source>Away: your break waits for your return</source>
            <translation>Abwesend: Ihre Pause wartet auf Ihre Rückkehr</translation>
        </message>
        <message>
            <source>Break in %1</source>
            <translation>Pause in %1</translation>
        </message>
        <message>
            <source>Break in progress</source>
            <translation>Pause läuft</translation>
        </message>
        <message>
            <source>Break starting</source>
            <translation>Pause beginnt</translation>
        </message>
        <message>
            <source>Break waiting until you are free</source>
            <translation>Pause wartet, bis Sie frei sind</translation>
        </message>
        <message>
            <source>Break when you pause typing</source>
            <translation>Pause, sobald Sie mit dem Tippen innehalten</translation>
        </message>
        <message>
            <source>Holding breaks: %1</source>
            <translation>Pausen zurückgehalten: %1</translation>
        </message>
        <message>
            <source>Long break in %1</source>
            <translation>Lange Pause in %1</translation>
        </message>
        <message>
            <source>Long break in progress</source>
            <translation>Lange Pause läuft</translation>
        </message>
        <message>
            <source>Long break starting</source>
            <translation>Lange Pause beginnt</translation>
        </message>
        <message>
            <source>Long break when you pause typing</source>
            <translation>Lange Pause, sobald Sie mit dem Tippen innehalten</translation>
        </message>
        <message>
            <source>Next break %1 (at %2)</source>
            <translation>Nächste Pause %1 (um %2)</translation>
        </message>
        <message>
            <source>Next long break %1 (at %2)</source>
            <translation>Nächste lange Pause %1 (um %2)</translation>
        </message>
        <message>
            <source>Outside work hours</source>
            <translation>Außerhalb der Arbeitszeit</translation>
        </message>
        <message>
            <source>Paused until %1</source>
            <translation>Angehalten bis %1</translation>
        </message>
        <message>
            <source>Paused until you resume</source>
            <translation>Angehalten, bis Sie fortsetzen</translation>
        </message>
        <message>
            <source>camera in use</source>
            <translation>Kamera in Benutzung</translation>
        </message>
        <message>
            <source>do not disturb</source>
            <translation>Nicht stören</translation>
        </message>
        <message>
            <source>first-run note open</source>
            <translation>Hinweis vor der ersten Pause offen</translation>
        </message>
        <message>
            <source>full-screen window</source>
            <translation>Vollbildfenster</translation>
        </message>
        <message>
            <source>in %1 h %2 min</source>
            <translation>in %1 Std. %2 Min.</translation>
        </message>
        <message numerus="yes">
            <source>in %n h</source>
            <translation>
                <numerusform>in %n Std.</numerusform>
                <numerusform>in %n Std.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>in %n min</source>
            <translation>
                <numerusform>in %n Min.</numerusform>
                <numerusform>in %n Min.</numerusform>
            </translation>
        </message>
        <message>
            <source>in less than a minute</source>
            <translation>in weniger als einer Minute</translation>
        </message>
        <message>
            <source>meeting in your calendar</source>
            <translation>Termin in Ihrem Kalender</translation>
        </message>
        <message>
            <source>microphone in use</source>
            <translation>Mikrofon in Benutzung</translation>
        </message>
        <message>
            <source>screen locked</source>
            <translation>Bildschirm gesperrt</translation>
        </message>
        <message>
            <source>tomorrow %1</source>
            <translation>morgen %1</translation>
        </message>
    </context>
    <context>
        <name>StatusWindow</name>
        <message>
            <source>No system tray was found, so Desk Break lives in this window. It moves to the tray by itself when one appears.</source>
            <translation>Es wurde kein Infobereich (System-Tray) gefunden, daher lebt Desk Break in diesem Fenster. Sobald einer erscheint, wechselt es von selbst dorthin.</translation>
        </message>
    </context>
    <context>
        <name>Tray</name>
        <message>
            <source>Desk Break — %1</source>
            <translation>Desk Break — %1</translation>
        </message>
    </context>
    <context>
        <name>Weekday</name>
        <message>
            <source>Fri</source>
            <translation>Fr.</translation>
        </message>
        <message>
            <source>Friday</source>
            <translation>Freitag</translation>
        </message>
        <message>
            <source>Mon</source>
            <translation>Mo.</translation>
        </message>
        <message>
            <source>Monday</source>
            <translation>Montag</translation>
        </message>
        <message>
            <source>Sat</source>
            <translation>Sa.</translation>
        </message>
        <message>
            <source>Saturday</source>
            <translation>Samstag</translation>
        </message>
        <message>
            <source>Sun</source>
            <translation>So.</translation>
        </message>
        <message>
            <source>Sunday</source>
            <translation>Sonntag</translation>
        </message>
        <message>
            <source>Thu</source>
            <translation>Do.</translation>
        </message>
        <message>
            <source>Thursday</source>
            <translation>Donnerstag</translation>
        </message>
        <message>
            <source>Tue</source>
            <translation>Di.</translation>
        </message>
        <message>
            <source>Tuesday</source>
            <translation>Dienstag</translation>
        </message>
        <message>
            <source>Wed</source>
            <translation>Mi.</translation>
        </message>
        <message>
            <source>Wednesday</source>
            <translation>Mittwoch</translation>
        </message>
    </context>
</TS>
