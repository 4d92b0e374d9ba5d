'use client';
import { useTrack } from '@sabu/react';
import { useState } from 'react';

export function CreateProject() {
  const track = useTrack();
  const [created, setCreated] = useState(false);
  return (
    <>
      <button id="create-project" type="button" onClick={() => (track('Project Created'), setCreated(true))}>Create project</button>
      {created && <p id="project-card">Project created.</p>}
    </>
  );
}
