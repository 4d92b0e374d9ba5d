import { describeHost } from './journeys';

describeHost({ name: 'tailwind', title: "Tailwind's preflight CSS (from the tailwindcss package)" });
