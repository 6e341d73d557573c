/**
 * @module
 * Entry point of the console bundle.
 */
import { render } from 'preact';
import { App } from './app.tsx';
import './style.css';

render(<App />, document.getElementById('app')!);
