// Cloud access keys (Linode Object Storage, Katapult object storage, Bird): create, update, rotate, refresh, import and delete.
package accesskeys
