// CloudFormation templates written in YAML: read with the `yaml` package's document API into the
// TreeNodes the CloudFormation reader shares with JSON templates; fixes written as YAML.
// Other YAML files (workflows, manifests) are not read: only a text that names an AWS::KMS or
// AWS::IAM resource type is parsed at all.
import type { Scalar } from 'yaml';
import type { SyntaxProblem } from '../../model/types';
import { isCloudFormation, readCloudFormation, type CloudFormationSyntax } from '../cloudformation';
import { emptyFound, type Found } from '../json-document';
import type { ReadContext } from '../policy-reader';
import { registerReader } from '../registry';
import { documentRegion, type TreeNode } from '../tree';
import { YamlEditor } from './editor';
import { scalarRegion } from './regions';
import { parseYaml, readYamlTree } from './tree';

const CANDIDATE = /AWS::(KMS|IAM)::/;

function problem(start: number, end: number, message: string): SyntaxProblem {
  return { loc: { start, end: Math.max(end, start + 1) }, message };
}

export function readCloudFormationYaml(text: string): Found {
  const found = emptyFound();
  if (!CANDIDATE.test(text)) return found;
  const { doc, error } = parseYaml(text);
  if (!doc) {
    const tooDeep = /call stack/i.test(error ?? '');
    found.syntaxProblems.push(
      problem(0, Math.min(text.length, 1), tooDeep ? 'The template is nested too deeply to be read, so it cannot be checked.' : `Invalid YAML (${error}): the template cannot be checked until it parses.`),
    );
    return found;
  }
  const tree = readYamlTree(text, doc);
  const hard = tree.errors.filter((e) => !e.duplicateKey);
  const duplicate = tree.errors.find((e) => e.duplicateKey);
  if (hard.length > 0) {
    // A broken file is reported only when it looks like a template: other YAML is not ours to judge.
    if (/^\s*(AWSTemplateFormatVersion|Resources)\s*:/m.test(text)) {
      const first = hard[0];
      const message = /call stack/i.test(first.message)
        ? 'The template is nested too deeply to be read, so it cannot be checked.'
        : `Invalid YAML (${first.message.replace(/ at line \d+, column \d+:?$/, '')}): the template cannot be checked until it parses.`;
      found.syntaxProblems.push(problem(first.start, first.end, message));
    }
    return found;
  }
  if (duplicate) {
    found.syntaxProblems.push(problem(duplicate.start, duplicate.end, 'Invalid YAML (duplicate key): this key appears twice in one mapping; CloudFormation rejects the template, and only the last one is checked.'));
  }
  if (!isCloudFormation(tree.root)) return found;
  const context: ReadContext = { ...documentRegion(text), template: 'plain' };
  const cfn: CloudFormationSyntax = {
    context,
    editor: new YamlEditor(text, tree),
    syntax: 'yaml',
    embedded: (node: TreeNode, mode) => {
      const info = tree.info.get(node);
      if (!info?.style) return undefined;
      return scalarRegion(text, info.node as Scalar, node.offset, node.offset + node.length, mode);
    },
  };
  readCloudFormation(tree.root, cfn, found);
  return found;
}

registerReader('yaml', (text) => ({ format: 'cloudformation-yaml', found: readCloudFormationYaml(text) }));
