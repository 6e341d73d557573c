import { describe, expect, it } from 'vitest';
import { exportedBaseName, fileActionName, findActionByName, matchingActionFile, matchingActionName } from './names.ts';

describe('data-action names across exports', () => {
  it('strips the suffix Genesys adds on export', () => {
    expect(exportedBaseName('Get Sentiment - JVM - Exported 2024-11-19 @ 14:10')).toBe('Get Sentiment - JVM');
    expect(exportedBaseName('Update Zoom User Presence - Exported 2023-07-31 @ 9:05')).toBe(
      'Update Zoom User Presence',
    );
    expect(exportedBaseName('Exported reports')).toBe('Exported reports');
  });

  it('binds a call to the one action of the same base name, in either direction', () => {
    const actions = new Map([
      ['Agentless SMS - Exported 2024-12-05 @ 13:36', 'sms'],
      ['Update Zoom User Presence', 'zoom'],
    ]);
    expect(findActionByName(actions, 'Agentless SMS')).toBe('sms');
    expect(findActionByName(actions, 'Update Zoom User Presence - Exported 2023-07-31 @ 14:25')).toBe('zoom');
    expect(findActionByName(actions, 'Update Zoom User Presence')).toBe('zoom');
    expect(findActionByName(actions, 'Create Callback')).toBeUndefined();
  });

  it('refuses to guess between two actions of the same base name', () => {
    const names = ['X - Exported 2024-01-01 @ 10:00', 'X - Exported 2024-02-01 @ 10:00'];
    expect(matchingActionName(names, 'X')).toBeUndefined();
    expect(matchingActionName(names, 'X - Exported 2024-01-01 @ 10:00')).toBe('X - Exported 2024-02-01 @ 10:00');
  });

  it('reads the name an export file gives an action, and binds a call to the one file named so', () => {
    expect(fileActionName('exports/Get-Sentiment.custom.json')).toBe('Get Sentiment');
    expect(fileActionName('C:\\bp\\Send_Chat__Group-Notification.json')).toBe('Send Chat Group Notification');
    const files = new Map([
      ['Get Sentiment - JVM - Exported 2024-11-19 @ 14:10', 'exports/Get-Sentiment.json'],
      ['JVM Send Chat Group Notification', 'exports/Send-Chat-Group-Notification.custom.json'],
      ['Set Tag', 'main.tf'],
    ]);
    expect(matchingActionFile(files, 'get sentiment')).toBe('Get Sentiment - JVM - Exported 2024-11-19 @ 14:10');
    expect(matchingActionFile(files, 'Send Chat Group Notification')).toBe('JVM Send Chat Group Notification');
    // Only an export file names an action; a Terraform file does not.
    expect(matchingActionFile(files, 'main.tf')).toBeUndefined();
    expect(matchingActionFile(files, 'Create Callback')).toBeUndefined();
    // Two files named alike: no guess.
    const twice = new Map([
      ['A', 'one/Get-Sentiment.json'],
      ['B', 'two/Get_Sentiment.custom.json'],
    ]);
    expect(matchingActionFile(twice, 'Get Sentiment')).toBeUndefined();
  });
});
