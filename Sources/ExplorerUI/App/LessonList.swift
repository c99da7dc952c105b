import LessonEngine

/// The first screen: every lesson with its steps seen and exercises solved, scrolling when
/// the course has more lessons than the screen has room for.
///
/// Each lesson takes two lines (title and counts, then its summary) from line 4 down to the
/// line above the status line; when that leaves a lesson out, the heading moves up beside the
/// title so two more lines are free (the course's ten lessons at 24 lines). A course longer
/// still scrolls, and `▲`/`▼` marks say how many lessons are above and below.
enum LessonListLayout {
    /// The line of the heading and of the first lesson, for `count` lessons on `height` lines.
    static func lines(count: Int, height: Int) -> (heading: Int, top: Int) {
        (height - 2 - 4) / 2 >= count ? (2, 4) : (1, 2)
    }

    /// Lessons the list shows at once on a screen `height` lines tall.
    static func capacity(count: Int, height: Int) -> Int { max(1, (height - 2 - lines(count: count, height: height).top) / 2) }

    /// The first lesson shown: `listTop`, moved as little as needed to show the selected one.
    static func first(top: Int, selected: Int, count: Int, capacity: Int) -> Int {
        let last = max(0, count - capacity)
        return min(last, max(0, min(max(top, selected - capacity + 1), selected)))
    }
}

extension AppState {
    /// Moves `listTop` so the selected lesson is on a screen of `screenHeight` lines.
    mutating func scrollListToSelection() {
        listTop = LessonListLayout.first(top: listTop, selected: selectedLesson, count: lessons.count,
                                         capacity: LessonListLayout.capacity(count: lessons.count, height: screenHeight))
    }
}

/// Keys of the lesson list: ↑/↓ (j/k) one lesson, PgUp/PgDn a screenful, Home/End (g/G) the
/// first and last lesson, Enter opens.
func updateList(_ state: inout AppState, _ key: Key) {
    let last = max(0, state.lessons.count - 1)
    let page = LessonListLayout.capacity(count: state.lessons.count, height: state.screenHeight)
    switch key {
    case .up, .character("k"): state.selectedLesson = max(0, state.selectedLesson - 1)
    case .down, .character("j"): state.selectedLesson = min(last, state.selectedLesson + 1)
    case .pageUp: state.selectedLesson = max(0, state.selectedLesson - page)
    case .pageDown: state.selectedLesson = min(last, state.selectedLesson + page)
    case .home, .character("g"): state.selectedLesson = 0
    case .end, .character("G"): state.selectedLesson = last
    case .enter, .right, .character("l"): state.open(lesson: state.selectedLesson)
    case .character("q"), .escape: state.wantsQuit = true
    default: break
    }
    state.scrollListToSelection()
}

/// What the list says about a lesson's progress: `4/7 steps · 2/5 solved`, or `7 steps` before
/// any is seen.
func lessonProgressText(_ state: AppState, _ lesson: Lesson) -> String {
    let language = state.language
    let seen = state.seenCount(of: lesson)
    var text = seen > 0 ? ScreenText.stepsSeen.text(language, ["seen": String(seen), "count": String(lesson.steps.count)])
        : ScreenText.stepCount.counted(lesson.steps.count, language)
    let exerciseCount = state.exercises[lesson.id]?.values.reduce(0) { $0 + $1.count } ?? 0
    if exerciseCount > 0 {
        let ids = Set(state.exercises[lesson.id]?.values.flatMap { $0.map(\.id) } ?? [])
        let solved = state.solved[lesson.id]?.intersection(ids).count ?? 0
        text += " · " + ScreenText.exercisesSolved.text(language, ["solved": String(solved), "count": String(exerciseCount)])
    }
    return text
}

func drawLessonList(_ state: AppState, theme: Theme, grid: inout CellGrid) {
    let language = state.language
    var titleStyle = theme.title
    titleStyle.bold = true
    var headingStyle = theme.accent
    headingStyle.bold = true
    grid.put(ScreenText.appTitle.text(language), x: 2, y: 0, style: titleStyle, clip: Rect(x: 0, y: 0, width: grid.width - 1, height: 1))
    let (headingLine, top) = LessonListLayout.lines(count: state.lessons.count, height: grid.height)
    grid.put(ScreenText.lessonsHeading.text(language), x: 2, y: headingLine, style: headingStyle)
    let capacity = LessonListLayout.capacity(count: state.lessons.count, height: grid.height)
    let first = LessonListLayout.first(top: state.listTop, selected: state.selectedLesson, count: state.lessons.count, capacity: capacity)
    let shown = state.lessons.indices.dropFirst(first).prefix(capacity)
    for i in shown {
        let lesson = state.lessons[i]
        let y = top + (i - first) * 2
        let selected = i == state.selectedLesson
        let progress = lessonProgressText(state, lesson)
        let line = "\(selected ? "▶" : " ") \(twoDigits(lesson.order)) \(lesson.title)"
        // The counts keep their place; a long (translated) title gives way, with a visible …,
        // down to its number and a few letters. Counts too long even for that are cut too.
        let progressWidth = min(columnWidth(of: progress), grid.width - 2 - 16)
        let progressX = grid.width - 2 - progressWidth
        var lineStyle = selected ? theme.focus : theme.text
        lineStyle.bold = selected
        grid.put(line, x: 2, y: y, style: lineStyle, clip: Rect(x: 2, y: y, width: max(1, progressX - 3), height: 1))
        // A lesson begun stands out from the ones not yet opened.
        let begun = state.seenCount(of: lesson) > 0 || !(state.solved[lesson.id]?.isEmpty ?? true)
        grid.put(progress, x: progressX, y: y, style: begun ? theme.text : theme.dimText, clip: Rect(x: progressX, y: y, width: progressWidth, height: 1))
        grid.put(lesson.summary, x: 7, y: y + 1, style: theme.dimText, clip: Rect(x: 7, y: y + 1, width: grid.width - 9, height: 1))
    }
    // What the window hides, where the eye looks for it: above on the heading's line, below
    // under the last lesson shown.
    var marker = theme.accent
    marker.bold = true
    if first > 0 {
        let text = "▲ " + ScreenText.lessonsAbove.counted(first, language)
        grid.put(text, x: grid.width - 2 - columnWidth(of: text), y: headingLine, style: marker)
    }
    let below = state.lessons.count - first - shown.count
    if below > 0 {
        let text = "▼ " + ScreenText.lessonsBelow.counted(below, language)
        grid.put(text, x: grid.width - 2 - columnWidth(of: text), y: grid.height - 2, style: marker)
    }
    if state.lessons.isEmpty {
        grid.put(ScreenText.noLessons.text(language), x: 2, y: top, style: theme.error)
    }
}

private func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
