import { describeHost } from './journeys';

describeHost({
  name: 'rem62',
  title: 'html { font-size: 62.5% }',
  pending: {
    // Issue 12 item 2 (host CSS leaks into the widgets, helper F): sizes in rem shrink with the host's root font size (panel 240 px wide, 384 on the plain page).
    boxes: 'issue 12 item 2: widget sizes in rem follow the host root font size',
  },
});
