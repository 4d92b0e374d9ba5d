/**
 * Built-in strings of tours and guides, English and Japanese, in their own chunk (passed
 * to `createT` as its `own` table). Every key can be overridden with `config.strings`.
 */
export const TOUR_STRINGS: Record<string, Record<string, string>> = {
  en: {
    'tour.label': 'Product tour',
    'tour.progress': '{n} of {total}',
    'tour.next': 'Next',
    'tour.back': 'Back',
    'tour.done': 'Done',
    'tour.skip': 'Skip tour',
    'tour.close': 'Close tour',
    'tour.announce': 'Tour, step {n} of {total}: {text}',
    'guide.close': 'Close',
    'guide.region': 'Announcement',
    'hotspot.open': 'Open tip: {title}',
    'hotspot.new': 'New',
  },
  ja: {
    'tour.label': '製品ツアー',
    'tour.progress': '{total} 中 {n}',
    'tour.next': '次へ',
    'tour.back': '戻る',
    'tour.done': '完了',
    'tour.skip': 'ツアーをスキップ',
    'tour.close': 'ツアーを閉じる',
    'tour.announce': 'ツアー、{total} 中 {n} ステップ目: {text}',
    'guide.close': '閉じる',
    'guide.region': 'お知らせ',
    'hotspot.open': 'ヒントを開く: {title}',
    'hotspot.new': '新着',
  },
};
