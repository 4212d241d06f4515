// Checks the front matter of treatment pages against the JSON Schema generated from the content
// model (`make schema`), in VS Code (extension unifiedjs.vscode-remark) and on the command line
// (`npx remark docs --quiet --frail`). Only this check runs: remark does not reformat pages here.
// See EDITING.md, "Checking as you type in VS Code".
import remarkFrontmatter from "remark-frontmatter";
import remarkLintFrontmatterSchema from "remark-lint-frontmatter-schema";

export default {
  plugins: [
    remarkFrontmatter,
    [
      remarkLintFrontmatterSchema,
      {
        schemas: {
          "schemas/treatment-front-matter.schema.json": ["docs/treatments/!(index).md"],
        },
      },
    ],
  ],
};
