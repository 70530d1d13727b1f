import type { Citation as CitationInfo } from '../../sim/types';

export function Citation({ citation }: { citation: CitationInfo }) {
  const href = citation.arxiv ? `https://arxiv.org/abs/${citation.arxiv}` : citation.url;
  return (
    <span className="citation">
      {href ? (
        <a href={href} target="_blank" rel="noreferrer noopener">
          {citation.title}
        </a>
      ) : (
        citation.title
      )}
      {citation.arxiv && <> (arXiv {citation.arxiv})</>}
    </span>
  );
}
