// Read by decap-cms.js as it loads: wait for clinic-cms.js to register the clinic's front matter
// format and start the editor with the generated configuration.
window.CMS_MANUAL_INIT = true;
