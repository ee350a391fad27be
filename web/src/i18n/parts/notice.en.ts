// Words of the notices shown after a write (web/src/ui/submit.ts).
export const noticeEn = {
  'notice.close': 'Close the notice',
} as const;
