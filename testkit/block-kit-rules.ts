// Block Kit limits as Slack enforces them (Slack's Block Kit reference: blocks, elements and
// surfaces each have their own). Used by the fake Slack API so a message or view Slack would
// refuse is refused in tests too.

export type Surface = 'message' | 'modal' | 'home';

const maxBlocks: Record<Surface, number> = { message: 50, modal: 100, home: 100 };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function textLength(t: unknown): number {
  return isObj(t) && typeof t.text === 'string' ? t.text.length : 0;
}

function checkText(t: unknown, max: number, where: string, out: string[]): void {
  if (t === undefined) return;
  if (!isObj(t) || typeof t.text !== 'string') {
    out.push(`${where}: not a text object`);
    return;
  }
  if (t.text.length === 0) out.push(`${where}: empty text`);
  if (t.text.length > max) out.push(`${where}: ${t.text.length} chars > ${max}`);
}

function checkElement(e: unknown, where: string, out: string[]): void {
  if (!isObj(e)) return;
  if (typeof e.action_id === 'string' && e.action_id.length > 255) out.push(`${where}.action_id > 255`);
  if (e.type === 'button') {
    checkText(e.text, 75, `${where}.text`, out);
    if (typeof e.value === 'string' && e.value.length > 2000) out.push(`${where}.value > 2000`);
  }
  if (e.type === 'plain_text_input') {
    if (typeof e.max_length === 'number' && (e.max_length < 1 || e.max_length > 3000))
      out.push(`${where}.max_length out of 1..3000`);
    if (isObj(e.initial_value) || (typeof e.initial_value === 'string' && e.initial_value.length > 3000))
      out.push(`${where}.initial_value > 3000`);
  }
  const options = Array.isArray(e.options) ? e.options : [];
  const maxOptions = e.type === 'overflow' ? 5 : e.type === 'checkboxes' || e.type === 'radio_buttons' ? 10 : 100;
  if (options.length > maxOptions) out.push(`${where}.options: ${options.length} > ${maxOptions}`);
  options.forEach((o, i) => {
    if (!isObj(o)) return;
    checkText(o.text, 75, `${where}.options[${i}].text`, out);
    if (typeof o.value === 'string' && o.value.length > 75) out.push(`${where}.options[${i}].value > 75`);
  });
  const groups = Array.isArray(e.option_groups) ? e.option_groups : [];
  if (groups.length > 100) out.push(`${where}.option_groups: ${groups.length} > 100`);
  const grouped: unknown[] = [];
  groups.forEach((g, gi) => {
    if (!isObj(g)) return;
    checkText(g.label, 75, `${where}.option_groups[${gi}].label`, out);
    const opts = Array.isArray(g.options) ? g.options : [];
    if (opts.length > 100) out.push(`${where}.option_groups[${gi}].options: ${opts.length} > 100`);
    opts.forEach((o, i) => {
      if (!isObj(o)) return;
      checkText(o.text, 75, `${where}.option_groups[${gi}].options[${i}].text`, out);
      if (typeof o.value === 'string' && o.value.length > 75)
        out.push(`${where}.option_groups[${gi}].options[${i}].value > 75`);
      grouped.push(o.value);
    });
  });
  // Slack refuses a select whose initial option is not one of its options.
  if (isObj(e.initial_option) && (options.length > 0 || groups.length > 0)) {
    const values = [...options.map((o) => (isObj(o) ? o.value : undefined)), ...grouped];
    if (!values.includes(e.initial_option.value)) out.push(`${where}.initial_option is not one of the options`);
  }
  if (isObj(e.placeholder)) checkText(e.placeholder, 150, `${where}.placeholder`, out);
}

/** Every Block Kit rule the blocks break, empty when Slack would accept them. */
export function blockKitViolations(blocks: unknown[], surface: Surface): string[] {
  const out: string[] = [];
  if (blocks.length > maxBlocks[surface]) out.push(`${blocks.length} blocks > ${maxBlocks[surface]} per ${surface}`);
  const blockIds = new Set<string>();
  blocks.forEach((b, i) => {
    const where = `blocks[${i}]`;
    if (!isObj(b)) {
      out.push(`${where}: not an object`);
      return;
    }
    if (typeof b.block_id === 'string') {
      if (b.block_id.length > 255) out.push(`${where}.block_id > 255`);
      if (blockIds.has(b.block_id)) out.push(`${where}.block_id duplicated`);
      blockIds.add(b.block_id);
    }
    switch (b.type) {
      case 'section': {
        checkText(b.text, 3000, `${where}.text`, out);
        const fields = Array.isArray(b.fields) ? b.fields : [];
        if (fields.length > 10) out.push(`${where}.fields: ${fields.length} > 10`);
        fields.forEach((f, j) => checkText(f, 2000, `${where}.fields[${j}]`, out));
        if (b.text === undefined && fields.length === 0) out.push(`${where}: section without text or fields`);
        checkElement(b.accessory, `${where}.accessory`, out);
        break;
      }
      case 'header':
        checkText(b.text, 150, `${where}.text`, out);
        if (isObj(b.text) && b.text.type !== 'plain_text') out.push(`${where}.text must be plain_text`);
        break;
      case 'context': {
        const elements = Array.isArray(b.elements) ? b.elements : [];
        if (elements.length === 0 || elements.length > 10)
          out.push(`${where}.elements: ${elements.length} not in 1..10`);
        elements.forEach((e, j) => {
          if (isObj(e) && e.type !== 'image') checkText(e, 3000, `${where}.elements[${j}]`, out);
        });
        break;
      }
      case 'actions': {
        const elements = Array.isArray(b.elements) ? b.elements : [];
        if (elements.length === 0 || elements.length > 25)
          out.push(`${where}.elements: ${elements.length} not in 1..25`);
        elements.forEach((e, j) => checkElement(e, `${where}.elements[${j}]`, out));
        break;
      }
      case 'input':
        if (surface === 'message') out.push(`${where}: input blocks only in modals and Home`);
        checkText(b.label, 2000, `${where}.label`, out);
        if (b.hint !== undefined) checkText(b.hint, 2000, `${where}.hint`, out);
        checkElement(b.element, `${where}.element`, out);
        break;
      case 'markdown':
        if (typeof b.text !== 'string' || b.text.length > 12000) out.push(`${where}.text must be 1..12000 chars`);
        break;
      case 'divider':
      case 'image':
      case 'rich_text':
      case 'file':
      case 'video':
        break;
      default:
        out.push(`${where}: unknown block type ${String(b.type)}`);
    }
  });
  return out;
}

export function blockKitProblems(blocks: unknown[], surface: Surface): string | undefined {
  return blockKitViolations(blocks, surface).length > 0 ? 'invalid_blocks' : undefined;
}

/** Every rule the view breaks (modal or Home tab). */
export function viewViolations(view: Obj): string[] {
  const surface: Surface = view.type === 'home' ? 'home' : 'modal';
  const out: string[] = [];
  if (surface === 'modal') {
    if (textLength(view.title) === 0 || textLength(view.title) > 24) out.push('title must be 1..24 chars');
    if (view.submit !== undefined && textLength(view.submit) > 24) out.push('submit > 24 chars');
    if (view.close !== undefined && textLength(view.close) > 24) out.push('close > 24 chars');
    const blocks = Array.isArray(view.blocks) ? view.blocks : [];
    if (blocks.some((b) => isObj(b) && b.type === 'input') && view.submit === undefined)
      out.push('a view with inputs needs submit');
  }
  if (typeof view.private_metadata === 'string' && view.private_metadata.length > 3000)
    out.push('private_metadata > 3000 chars');
  if (typeof view.callback_id === 'string' && view.callback_id.length > 255) out.push('callback_id > 255 chars');
  out.push(...blockKitViolations(Array.isArray(view.blocks) ? view.blocks : [], surface));
  return out;
}

export function viewProblems(view: Obj): string | undefined {
  if (JSON.stringify(view).length > 250_000) return 'view_too_large';
  return viewViolations(view).length > 0 ? 'invalid_arguments' : undefined;
}
