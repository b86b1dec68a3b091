import { asksForHelp, namesACommand } from './help-request.js';

describe('asksForHelp', () => {
  it.each([
    [[]],
    [['--help']],
    [['-h']],
    [['help']],
    [['help', 'seed']],
    [['seed', '--help']],
    [['block-ip', '203.0.113.7', '-h']],
  ])('%j asks for help', (args) => {
    expect(asksForHelp(args)).toBe(true);
  });

  it.each([
    [['seed']],
    [['block-ip', '203.0.113.7', '--reason', 'scanner']],
    [['create-admin', '--email', 'help@example.com']],
    [['block-ip', '--reason', 'x', '--', '-h']],
  ])('%j runs a command', (args) => {
    expect(asksForHelp(args)).toBe(false);
  });
});

describe('namesACommand', () => {
  const commands = ['seed', 'block-ip'];

  it.each([[['seed']], [['block-ip', '203.0.113.7']]])('%j names a command', (args) => {
    expect(namesACommand(args, commands)).toBe(true);
  });

  it.each([[[]], [['sed']], [['--verbose', 'seed']], [['Seed']]])('%j names none', (args) => {
    expect(namesACommand(args, commands)).toBe(false);
  });
});
