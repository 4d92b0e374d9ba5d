'use client';
import { useFeature, useTrack } from '@sabu/react';

export function ReportActions() {
  const track = useTrack();
  const markExport = useFeature('export-csv');
  return (
    <>
      <button id="export" type="button" onClick={() => markExport({ format: 'csv' })}>Export CSV</button>{' '}
      {/* The NPS prompt's trigger (public/nps.json). */}
      <button id="publish" type="button" onClick={() => track('Report Published')}>Publish report</button>
    </>
  );
}
