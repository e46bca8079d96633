// Cloud access keys (Linode, Katapult, Bird): create, update, rotate, refresh, import and delete.
package accesskeys
