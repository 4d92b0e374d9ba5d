/**
 * Built-in strings, English and Japanese. Every key can be overridden with
 * `config.strings` (docs/ui.md). `{n}`-style placeholders are filled by `t()`.
 * Surveys add their keys here.
 */
export const STRINGS: Record<string, Record<string, string>> = {
  en: {
    'checklist.open': 'Open checklist: {title}, {done} of {total} done',
    'checklist.progress': '{done}/{total}',
    'checklist.progressLong': '{done} of {total} done',
    'checklist.minimise': 'Minimise',
    'checklist.close': 'Close',
    'checklist.dontShow': "Don't show again",
    'checklist.start': 'Start',
    'checklist.done': 'Done',
    'checklist.todo': 'Not done',
    'checklist.locked': 'Locked until {items} is done',
    'checklist.optional': 'Optional',
    'checklist.itemDone': 'Done: {item}. {done} of {total} complete.',
    'checklist.complete': 'All done! You finished {title}.',
    'checklist.completeTitle': 'All done!',
    'checklist.hintClose': 'Close hint',
    'checklist.notFound': 'This is not on this page yet.',
  },
  ja: {
    'checklist.open': 'チェックリストを開く: {title}、{total} 件中 {done} 件完了',
    'checklist.progress': '{done}/{total}',
    'checklist.progressLong': '{total} 件中 {done} 件完了',
    'checklist.minimise': '最小化',
    'checklist.close': '閉じる',
    'checklist.dontShow': '今後表示しない',
    'checklist.start': '開始',
    'checklist.done': '完了',
    'checklist.todo': '未完了',
    'checklist.locked': '「{items}」の完了後に利用できます',
    'checklist.optional': '任意',
    'checklist.itemDone': '完了: {item}。{total} 件中 {done} 件完了。',
    'checklist.complete': 'すべて完了しました！{title} を終えました。',
    'checklist.completeTitle': 'すべて完了！',
    'checklist.hintClose': 'ヒントを閉じる',
    'checklist.notFound': 'この項目はまだこのページにありません。',
  },
};
