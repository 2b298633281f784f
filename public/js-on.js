// Marks the page as scripted before the body renders (the export buttons show): an external file, as the Content-Security-Policy allows no inline script.
document.documentElement.classList.add('js');
