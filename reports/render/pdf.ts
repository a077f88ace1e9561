// The PDF format's place: a manager's few pages with the overview charts, rendered by a real PDF engine.
// Not written yet (issue 8, second half); asking for it says so before anything is computed.
export const PDF_NOT_YET = 'the PDF format is not there yet (issue 8: the manager’s PDF comes in a later change); ask for xlsx and/or csv';
