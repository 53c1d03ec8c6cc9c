/** The audit log as people read it: a workspace's Activity page for its admins, and the account's recent sign-ins. */
package dev.portcullis.web.activity;
